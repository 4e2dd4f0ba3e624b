import { AlignmentType, BorderStyle, LevelFormat, ShadingType, type INumberingOptions, type IStylesOptions } from 'docx';

/**
 * The Word styles every generated document uses. Headings are Word's own built-in heading styles
 * (ids Heading1–Heading4, names "heading 1"–"heading 4", outline levels 0–3), so Word's navigation
 * pane, its table of contents and screen readers all see the structure; other styles are named
 * so people can find and reuse them ("Fill-in", "Table heading", "Quote"). Text is dark on white at
 * well over 4.5:1, 12 point Arial, and space between paragraphs comes from the styles, never from
 * empty paragraphs.
 */

export const COLOURS = {
  text: '0B0C0C',
  secondary: '505A5F',
  link: '1D70B8',
  border: '505A5F',
  headerFill: 'F3F2F1',
  fillIn: 'FFF7BF',
  codeFill: 'F3F2F1',
  rule: 'B1B4B6',
} as const;

const FONT = 'Arial';
const CODE_FONT = 'Consolas';

/** Half-points (Word's unit for font sizes). */
const size = (points: number) => points * 2;

export const STYLE_IDS = {
  tableHeading: 'TableHeading',
  tableText: 'TableText',
  quote: 'Quote',
  code: 'Code',
  listContinue: 'ListContinue',
  fillIn: 'FillIn',
  codeChar: 'CodeChar',
} as const;

function heading(level: number, points: number, before: number) {
  return {
    name: `heading ${level}`,
    basedOn: 'Normal',
    next: 'Normal',
    quickFormat: true,
    run: { font: FONT, size: size(points), bold: true, color: COLOURS.text },
    paragraph: { outlineLevel: level - 1, keepNext: true, keepLines: true, spacing: { before, after: 120 } },
  };
}

export function docxStyles(language: string): IStylesOptions {
  return {
    default: {
      document: {
        run: { font: FONT, size: size(12), color: COLOURS.text, language: { value: language } },
        paragraph: { spacing: { after: 160, line: 276 } },
      },
      heading1: heading(1, 24, 0),
      heading2: heading(2, 18, 360),
      heading3: heading(3, 14, 280),
      heading4: heading(4, 12, 240),
      hyperlink: { run: { color: COLOURS.link, underline: {} } },
    },
    paragraphStyles: [
      {
        id: STYLE_IDS.tableText,
        name: 'Table text',
        basedOn: 'Normal',
        quickFormat: true,
        paragraph: { spacing: { before: 40, after: 40, line: 252 } },
      },
      {
        id: STYLE_IDS.tableHeading,
        name: 'Table heading',
        basedOn: STYLE_IDS.tableText,
        quickFormat: true,
        run: { bold: true },
        paragraph: { keepNext: true },
      },
      {
        id: STYLE_IDS.quote,
        name: 'Quote',
        basedOn: 'Normal',
        next: 'Normal',
        quickFormat: true,
        paragraph: {
          indent: { left: 567, right: 567 },
          border: { left: { style: BorderStyle.SINGLE, size: 24, color: COLOURS.rule, space: 12 } },
        },
      },
      {
        id: STYLE_IDS.code,
        name: 'Code',
        basedOn: 'Normal',
        paragraph: { shading: { type: ShadingType.CLEAR, color: 'auto', fill: COLOURS.codeFill }, spacing: { line: 240 } },
        run: { font: CODE_FONT, size: size(10) },
      },
      {
        id: STYLE_IDS.listContinue,
        name: 'List Continue',
        basedOn: 'Normal',
        paragraph: { spacing: { after: 80 } },
      },
    ],
    characterStyles: [
      {
        id: STYLE_IDS.fillIn,
        name: 'Fill-in',
        basedOn: 'DefaultParagraphFont',
        quickFormat: true,
        run: { shading: { type: ShadingType.CLEAR, color: 'auto', fill: COLOURS.fillIn } },
      },
      {
        id: STYLE_IDS.codeChar,
        name: 'Code Char',
        basedOn: 'DefaultParagraphFont',
        run: { font: CODE_FONT, shading: { type: ShadingType.CLEAR, color: 'auto', fill: COLOURS.codeFill } },
      },
    ],
  };
}

/** Twips a list indents per level, and the hanging indent its bullet or number sits in. */
export const LIST_INDENT = 567;
const HANGING = 340;

const BULLETS = ['•', '◦', '▪'];

export const NUMBERING = {
  bullet: 'bullet',
  checklist: 'checklist',
  ordered: (start: number) => `ordered-from-${start}`,
} as const;

function levels(text: (level: number) => string, format: (typeof LevelFormat)[keyof typeof LevelFormat], start = 1) {
  return Array.from({ length: 9 }, (_, level) => ({
    level,
    format,
    text: text(level),
    start,
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: LIST_INDENT * (level + 1), hanging: HANGING }, spacing: { after: 80 } } },
  }));
}

/**
 * Bulleted, numbered and checklist lists, as Word lists (numbering definitions), so Word and screen
 * readers know them as lists. A checklist shows no bullet: each item starts with a tickable box.
 * Numbered lists get one definition per first number; each list is its own instance, so it counts from
 * its own start.
 */
export function docxNumbering(orderedStarts: Iterable<number>): INumberingOptions {
  const config = [
    { reference: NUMBERING.bullet, levels: levels((level) => BULLETS[level % BULLETS.length]!, LevelFormat.BULLET) },
    { reference: NUMBERING.checklist, levels: levels(() => '', LevelFormat.NONE) },
    ...[...new Set(orderedStarts)].map((start) => ({
      reference: NUMBERING.ordered(start),
      levels: levels((level) => `%${level + 1}.`, LevelFormat.DECIMAL, start),
    })),
  ];
  return { config };
}
