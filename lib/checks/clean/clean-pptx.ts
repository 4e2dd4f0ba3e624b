import { removeAuthorProperties } from './clean-properties';
import { UserNamePaths } from './clean-user-paths';
import type { OfficePackage } from './office-package';
import { plural } from './plural';

/**
 * PowerPoint presentations: authors; comments (legacy and modern) and their authors lists; speaker
 * notes when asked (`removeSpeakerNotes`), as the notes are often written for the speaker only but are
 * sometimes the point of a shared deck; file paths with user names.
 */
export async function cleanPptx(pkg: OfficePackage, options: { removeSpeakerNotes: boolean }): Promise<string[]> {
  const removed = await removeAuthorProperties(pkg);
  const presentationPart = (await pkg.relatedParts('', ['officeDocument']))[0] ?? 'ppt/presentation.xml';
  const slides = await pkg.relatedParts(presentationPart, ['slide']);
  let comments = 0;
  let notes = 0;
  for (const slide of slides) {
    for (const part of await pkg.relatedParts(slide, ['comments'])) {
      comments += await pkg.count(part, 'cm');
      pkg.removePart(part);
    }
    if (options.removeSpeakerNotes) {
      for (const part of await pkg.relatedParts(slide, ['notesSlide'])) {
        notes++;
        pkg.removePart(part);
      }
    }
  }
  for (const part of await pkg.relatedParts(presentationPart, ['commentAuthors', 'authors'])) pkg.removePart(part);
  const userPaths = new UserNamePaths();
  await pkg.removeDanglingReferences(userPaths.matches);
  removed.push(...userPaths.describe());
  if (comments) removed.push(plural(comments, 'comment'));
  if (notes) removed.push(`speaker notes from ${plural(notes, 'slide')}`);
  return removed;
}
