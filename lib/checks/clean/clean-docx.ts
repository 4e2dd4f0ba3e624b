import { removeAuthorProperties } from './clean-properties';
import { UserNamePaths } from './clean-user-paths';
import type { OfficePackage } from './office-package';
import { plural } from './plural';

/**
 * Word documents: authors; comments and everything that anchors them; tracked changes, accepted
 * (insertions kept as ordinary text, deletions dropped, moves kept at their new place, formatting
 * changes kept as they now look); file paths with user names.
 *
 * Two simplifications, both leaving no tracked-change data behind: a deleted paragraph mark is
 * dropped as a mark, so the two paragraphs stay apart instead of joining; and a deleted table row
 * keeps an empty row (its text, held in the row's own deletions, is gone).
 */

const COMMENT_PARTS = ['comments', 'commentsExtended', 'commentsIds', 'commentsExtensible', 'people'];
const COMMENT_ANCHORS = new Set(['commentRangeStart', 'commentRangeEnd', 'commentReference']);
const KEPT_CHANGES = new Set(['ins', 'moveTo']);
const DROPPED_CHANGES = new Set(['del', 'moveFrom']);
const CHANGE_RECORDS = new Set([
  'rPrChange', 'pPrChange', 'sectPrChange', 'tblPrChange', 'trPrChange', 'tcPrChange', 'tblGridChange', 'numberingChange',
  'moveFromRangeStart', 'moveFromRangeEnd', 'moveToRangeStart', 'moveToRangeEnd', 'cellIns', 'cellDel', 'cellMerge',
]);
/** Where ins/del are marks on properties (a paragraph mark, a row), not containers of text. */
const PROPERTY_PARENTS = new Set(['rPr', 'pPr', 'trPr', 'tcPr']);

export async function cleanDocx(pkg: OfficePackage): Promise<string[]> {
  const removed = await removeAuthorProperties(pkg);

  const mainPart = (await pkg.relatedParts('', ['officeDocument']))[0] ?? 'word/document.xml';
  const commentsParts = await pkg.relatedParts(mainPart, COMMENT_PARTS);
  let comments = 0;
  for (const part of await pkg.relatedParts(mainPart, ['comments'])) comments += await pkg.count(part, 'comment');
  for (const part of commentsParts) pkg.removePart(part);
  const storyParts = [mainPart, ...(await pkg.relatedParts(mainPart, ['header', 'footer', 'footnotes', 'endnotes']))].filter((part) => pkg.has(part));

  let insertions = 0;
  let deletions = 0;
  let other = 0;
  for (const part of storyParts) {
    await pkg.rewrite(part, {
      action(element, ancestors) {
        const local = element.local;
        if (COMMENT_ANCHORS.has(local)) return 'drop';
        const parent = ancestors[ancestors.length - 1] ?? '';
        if (KEPT_CHANGES.has(local) || DROPPED_CHANGES.has(local)) {
          if (PROPERTY_PARENTS.has(parent)) return other++, 'drop';
          if (KEPT_CHANGES.has(local)) return insertions++, 'unwrap';
          return deletions++, 'drop';
        }
        if (CHANGE_RECORDS.has(local)) return other++, 'drop';
        return 'keep';
      },
    });
  }
  const userPaths = new UserNamePaths();
  await pkg.removeDanglingReferences(userPaths.matches);
  removed.push(...userPaths.describe());

  if (comments) removed.push(plural(comments, 'comment'));
  if (insertions) removed.push(`${plural(insertions, 'tracked insertion')} (accepted: the words stay as ordinary text)`);
  if (deletions) removed.push(`${plural(deletions, 'tracked deletion')} (accepted: the deleted words are gone)`);
  if (other) removed.push(plural(other, 'other tracked change record'));
  return removed;
}
