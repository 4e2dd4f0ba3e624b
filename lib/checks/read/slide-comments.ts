import type { ExtractContext } from '@/lib/extract/result';
import { attribute, parseXml } from '@/lib/extract/xml-text';
import type { ZipArchive } from '@/lib/extract/zip';

/**
 * PowerPoint comments on a slide: legacy (`p:cm authorId` with `p:text`, authors in
 * commentAuthors.xml) and modern (`p188:cm authorId` with a text body, authors in authors.xml).
 */
export async function readSlideComments(zip: ZipArchive, part: string, authors: Map<string, string>, context: ExtractContext): Promise<{ author: string; text: string }[]> {
  const comments: { author: string; text: string }[] = [];
  let current: { author: string; text: string } | undefined;
  let inText = false;
  await parseXml(
    await zip.stream(part),
    {
      open(element) {
        if (element.local === 'cm') current = { author: authors.get(attribute(element, 'authorId') ?? '') ?? '', text: '' };
        else if (element.local === 'text' || element.local === 't') inText = true;
      },
      close(local) {
        if (local === 'cm' && current) {
          comments.push(current);
          current = undefined;
        } else if (local === 'text' || local === 't') inText = false;
      },
      text(value) {
        if (current && inText && current.text.length < 20_000) current.text += value;
      },
    },
    { context },
  );
  return comments;
}

/** Comment authors of both kinds: id → name. */
export async function readCommentAuthors(zip: ZipArchive, parts: string[], context: ExtractContext): Promise<Map<string, string>> {
  const authors = new Map<string, string>();
  for (const part of parts.filter((name) => zip.has(name))) {
    await parseXml(
      await zip.stream(part),
      {
        open(element) {
          if (element.local === 'cmAuthor' || element.local === 'author') authors.set(attribute(element, 'id') ?? '', attribute(element, 'name') ?? '');
        },
      },
      { context },
    );
  }
  return authors;
}
