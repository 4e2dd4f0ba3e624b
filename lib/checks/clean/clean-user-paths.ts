import { attribute, type XmlElement } from '@/lib/extract/xml-text';
import type { OfficePackage } from './office-package';

/**
 * File paths with a computer user name in them: external relationships such as the template a
 * document was made from ("C:\Users\jane.smith\…\Normal.dotm", removed with the settings element
 * that uses it), and Excel's record of the folder it was saved in (x15ac:absPath). Both are only
 * remembered, never needed, so they are removed.
 */
const USER_FOLDER = /(?:^|[\\/])(?:Users|Documents and Settings|home)[\\/][^\\/]+[\\/]/i;

/** Pass `matches` to OfficePackage.removeDanglingReferences; `count` says how many it matched. */
export class UserNamePaths {
  count = 0;

  readonly matches = (relationship: XmlElement): boolean => {
    if (attribute(relationship, 'TargetMode') !== 'External') return false;
    let target = attribute(relationship, 'Target') ?? '';
    try {
      target = decodeURIComponent(target);
    } catch {
      // Keep it as written.
    }
    const hit = USER_FOLDER.test(target);
    if (hit) this.count++;
    return hit;
  };

  /** Removes Excel's saved-folder record (x15ac:absPath) from the workbook part. */
  async removeSavedFolders(pkg: OfficePackage, workbookPart: string): Promise<void> {
    if (pkg.has(workbookPart)) await pkg.rewrite(workbookPart, { action: (element) => (element.local === 'absPath' ? (this.count++, 'drop') : 'keep') });
  }

  describe(): string[] {
    return this.count > 0 ? ['file paths that include a computer user name'] : [];
  }
}
