import type { ExtractContext } from '@/lib/extract/result';
import { attribute, parseXml } from '@/lib/extract/xml-text';
import type { ZipArchive } from '@/lib/extract/zip';

/** Word comments (word/comments.xml): each one's id, author and text. */
export interface WordComment {
  id: string;
  author: string;
  text: string;
}

const MAX_COMMENT_CHARACTERS = 20_000;

export async function readWordComments(zip: ZipArchive, part: string, context: ExtractContext): Promise<WordComment[]> {
  const comments: WordComment[] = [];
  let current: WordComment | undefined;
  let inText = false;
  await parseXml(
    await zip.stream(part),
    {
      open(element) {
        if (element.local === 'comment') current = { id: attribute(element, 'id') ?? '', author: attribute(element, 'author') ?? '', text: '' };
        else if (element.local === 't') inText = true;
        else if (element.local === 'p' && current && current.text) current.text += '\n';
      },
      close(local) {
        if (local === 'comment' && current) {
          comments.push(current);
          current = undefined;
        } else if (local === 't') inText = false;
      },
      text(value) {
        if (current && inText && current.text.length < MAX_COMMENT_CHARACTERS) current.text += value;
      },
    },
    { context },
  );
  return comments;
}
