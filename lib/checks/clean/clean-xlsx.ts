import { removeAuthorProperties } from './clean-properties';
import { UserNamePaths } from './clean-user-paths';
import type { OfficePackage } from './office-package';
import { plural } from './plural';

/**
 * Excel workbooks: authors; cell comments, threaded comments and their people; the drawing Excel
 * keeps to show legacy comments (and the sheet's legacyDrawing element that points at it); file paths
 * with user names. Sheets themselves, hidden or not, are left alone: deciding what to publish is the
 * uploader's call, and the check reports them.
 */
export async function cleanXlsx(pkg: OfficePackage): Promise<string[]> {
  const removed = await removeAuthorProperties(pkg);
  const workbookPart = (await pkg.relatedParts('', ['officeDocument']))[0] ?? 'xl/workbook.xml';
  const sheets = await pkg.relatedParts(workbookPart, ['worksheet']);
  let comments = 0;
  for (const sheet of sheets) {
    const legacy = await pkg.relatedParts(sheet, ['comments']);
    const threaded = await pkg.relatedParts(sheet, ['threadedComment']);
    for (const part of threaded.length > 0 ? threaded : legacy) comments += await pkg.count(part, threaded.length > 0 ? 'threadedComment' : 'comment');
    if (legacy.length + threaded.length === 0) continue;
    // The VML drawing of a sheet with comments holds the comment boxes.
    for (const part of [...legacy, ...threaded, ...(await pkg.relatedParts(sheet, ['vmlDrawing']))]) pkg.removePart(part);
  }
  for (const part of await pkg.relatedParts(workbookPart, ['person'])) pkg.removePart(part);
  const userPaths = new UserNamePaths();
  await pkg.removeDanglingReferences(userPaths.matches);
  await userPaths.removeSavedFolders(pkg, workbookPart);
  removed.push(...userPaths.describe());
  if (comments) removed.push(plural(comments, 'cell comment'));
  return removed;
}
