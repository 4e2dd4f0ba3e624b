import type { DocumentText } from '../document-text';
import { maskName } from '../mask';
import { allMatches, type TextMatch } from './text-match';

/**
 * Names of people where research notes and letters put them, found by the label in front, not by
 * guessing which capitalised words are names:
 * - speaker labels for participants: "P3 (Jane):", "Participant: Jane Smith", "Interviewee - Tom",
 *   "Resident 2 (Mrs Patel)", "Participant name: Jane Smith" — likely personal;
 * - labels for the research team: "Interviewer: Sam Jones", "Note taker - Priya" — possible (staff);
 * - signature blocks: "Kind regards,\nJane Smith" — possible (usually the writer, often staff).
 *
 * A name is one to three capitalised words, and must end the label's line or be followed by a
 * comma or a bracket, so "Participant: Yes, I think so" and "Participant: The form was long" are not
 * names. Words that start sentences or fill templates ("Name", "TBC") are never names.
 */

const NAME = String.raw`(?:(?:Mrs|Mr|Ms|Miss|Mx|Dr)\.?[ \t]+)?\p{Lu}[\p{Ll}'’]+(?:[- ]\p{Lu}[\p{Ll}'’]+){0,2}`;
const END = String.raw`(?=[ \t]*(?:\n|$|[,;(\t]|[ \t][-–][ \t])|\)\s*:)`;

/**
 * Label words match with either case for their first letter ("Participant", "participant"), while
 * the name after them must be capitalised: so the patterns cannot use the `i` flag.
 */
function firstLetterEitherCase(alternatives: string): string {
  return alternatives
    .split('|')
    .map((word) => `[${word[0]!.toUpperCase()}${word[0]!.toLowerCase()}]${word.slice(1)}`)
    .join('|');
}

const PARTICIPANT_ROLES = firstLetterEitherCase('participant|interviewee|respondent|resident|tenant|claimant|customer|service user|parent|carer|patient|client|applicant|citizen');
const TEAM_ROLES = firstLetterEitherCase('interviewer|facilitator|researcher|user researcher|note[- ]?taker|notetaker|moderator|observer');
const SIGN_OFFS = firstLetterEitherCase('kind regards|best regards|warm regards|regards|best wishes|many thanks|yours sincerely|yours faithfully');

const SPEAKER_IN_BRACKETS = new RegExp(String.raw`(?<=^|\n)[ \t]*(?:P|${PARTICIPANT_ROLES})[ \t]?\d{0,3}[ \t]*\([ \t]*(?<name>${NAME})[ \t]*\)[ \t]*[:\-–]`, 'gu');
const PARTICIPANT_LABEL = new RegExp(
  String.raw`(?<=^|\n|\t)[ \t]*(?:${PARTICIPANT_ROLES})(?:'s)?[ \t]?(?:\d{1,3}|[A-Z])?[ \t]*(?:[Nn]ame)?[ \t]*[:\-–][ \t]*(?<name>${NAME})${END}`,
  'gu',
);
const TEAM_LABEL = new RegExp(String.raw`(?<=^|\n|\t)[ \t]*(?:${TEAM_ROLES})(?:'s)?[ \t]?\d{0,3}[ \t]*(?:[Nn]ame)?[ \t]*[:\-–][ \t]*(?<name>${NAME})${END}`, 'gu');
const SIGN_OFF = new RegExp(
  String.raw`\b(?:${SIGN_OFFS})[ \t]*,?[ \t]*\n[ \t]*(?<name>${NAME})(?=[ \t]*(?:\n|$|,))`,
  'gu',
);

/** Capitalised words that are not names: sentence starters, template fillers, job and team words. */
const NOT_NAMES = new Set(
  `i im i'm yes no so well the we it they he she my our um er erm ok okay not that this what when really because just sure oh and but actually maybe there thank thanks hmm absolutely definitely probably yeah mm
  name full first last surname tbc tbd n/a na none unknown anonymous anon redacted withheld participant interviewee respondent resident user customer team council service staff officer manager
  researcher interviewer facilitator observer designer lead head director department digital research discovery notes note question questions answer answers response comment comments summary date time
  age role location yes/no male female other prefer agree disagree strongly neutral all some many most none every each how why where who which if in on at to for of with by from as about`.split(/\s+/),
);

export function findPersonNames(document: DocumentText): TextMatch[] {
  const { text } = document;
  const found: TextMatch[] = [];
  const add = (match: RegExpExecArray, likelihood: 'likely' | 'possible', score: number, reason: string) => {
    const name = match.groups?.name;
    if (!name || !looksLikeName(name)) return;
    const start = match.index + match[0].lastIndexOf(name);
    found.push({ kind: 'person-name', start, end: start + name.length, likelihood, score, excerpt: maskName(name), reason, key: name.toLowerCase() });
  };
  for (const match of allMatches(SPEAKER_IN_BRACKETS, text)) add(match, 'likely', 85, 'A name in a speaker label for a research participant.');
  for (const match of allMatches(PARTICIPANT_LABEL, text)) add(match, 'likely', 80, 'A name after a label for a participant or resident.');
  for (const match of allMatches(TEAM_LABEL, text)) add(match, 'possible', 40, 'A name after a label for the research team: usually staff.');
  for (const match of allMatches(SIGN_OFF, text)) add(match, 'possible', 35, 'A name under a sign-off (“Kind regards”): usually the writer.');
  return found;
}

function looksLikeName(name: string): boolean {
  const words = name.replace(/^(?:Mrs|Mr|Ms|Miss|Mx|Dr)\.?\s+/, '').split(/[- ]/);
  if (words.some((word) => NOT_NAMES.has(word.toLowerCase()))) return false;
  return words.every((word) => word.length >= 2);
}
