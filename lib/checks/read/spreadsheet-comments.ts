import type { ExtractContext } from '@/lib/extract/result';
import { attribute, parseXml } from '@/lib/extract/xml-text';
import type { ZipArchive } from '@/lib/extract/zip';

/**
 * Excel cell comments: the legacy comments part (`<comment ref="B7" authorId="0">` with the authors
 * listed first) and threaded comments (`<threadedComment ref="B7" personId="{…}">`, whose people are
 * in the workbook's persons part).
 */
export interface CellComment {
  cell: string;
  author: string;
  text: string;
}

const MAX_COMMENT_CHARACTERS = 20_000;

export async function readCellComments(zip: ZipArchive, part: string, people: Map<string, string>, context: ExtractContext): Promise<CellComment[]> {
  const authors: string[] = [];
  const comments: CellComment[] = [];
  let inAuthor = false;
  let author = '';
  let current: CellComment | undefined;
  let inText = false;
  await parseXml(
    await zip.stream(part),
    {
      open(element) {
        switch (element.local) {
          case 'author':
            inAuthor = true;
            author = '';
            break;
          case 'comment':
            current = { cell: attribute(element, 'ref') ?? '', author: authors[Number(attribute(element, 'authorId'))] ?? '', text: '' };
            break;
          case 'threadedComment':
            current = { cell: attribute(element, 'ref') ?? '', author: people.get(attribute(element, 'personId') ?? '') ?? '', text: '' };
            break;
          case 't':
          case 'text':
            inText = true;
            break;
        }
      },
      close(local) {
        if (local === 'author') {
          authors.push(author.trim());
          inAuthor = false;
        } else if ((local === 'comment' || local === 'threadedComment') && current) {
          comments.push(current);
          current = undefined;
        } else if (local === 't' || local === 'text') inText = false;
      },
      text(value) {
        if (inAuthor) author += value;
        else if (current && inText && current.text.length < MAX_COMMENT_CHARACTERS) current.text += value;
      },
    },
    { context },
  );
  return comments;
}

/** The people of threaded comments: id → display name. */
export async function readPeople(zip: ZipArchive, part: string | undefined, context: ExtractContext): Promise<Map<string, string>> {
  const people = new Map<string, string>();
  if (!part || !zip.has(part)) return people;
  await parseXml(
    await zip.stream(part),
    { open: (element) => void (element.local === 'person' && people.set(attribute(element, 'id') ?? '', attribute(element, 'displayName') ?? '')) },
    { context },
  );
  return people;
}
