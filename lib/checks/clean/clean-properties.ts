import type { OfficePackage } from './office-package';

/**
 * Removes the names an Office package keeps in its properties: dc:creator and cp:lastModifiedBy in
 * docProps/core.xml, Manager in docProps/app.xml. Title, subject, dates and the organisation
 * ("Company") are kept: they are about the document, not a person. Returns what was removed.
 */
export async function removeAuthorProperties(pkg: OfficePackage): Promise<string[]> {
  let author = 0;
  let lastModifiedBy = 0;
  let manager = 0;
  if (pkg.has('docProps/core.xml')) {
    await pkg.rewrite('docProps/core.xml', {
      action(element, ancestors) {
        if (ancestors.length !== 1) return 'keep';
        if (element.local === 'creator') return author++, 'drop';
        if (element.local === 'lastModifiedBy') return lastModifiedBy++, 'drop';
        return 'keep';
      },
    });
  }
  if (pkg.has('docProps/app.xml')) {
    await pkg.rewrite('docProps/app.xml', { action: (element, ancestors) => (ancestors.length === 1 && element.local === 'Manager' ? (manager++, 'drop') : 'keep') });
  }
  const removed: string[] = [];
  if (author) removed.push('the author’s name');
  if (lastModifiedBy) removed.push('the name of the last person to save it');
  if (manager) removed.push('the manager’s name');
  return removed;
}
