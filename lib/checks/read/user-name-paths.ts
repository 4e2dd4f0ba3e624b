import type { ExtractContext } from '@/lib/extract/result';
import { attribute, parseXml } from '@/lib/extract/xml-text';
import type { ZipArchive } from '@/lib/extract/zip';
import type { FindingDraft } from '../build-report';
import { maskWord } from '../mask';

/**
 * File paths that carry someone's user name: an Office file remembers the template it was made from
 * ("C:\Users\jane.smith\AppData\…\Normal.dotm") and Excel the folder it was last saved in
 * (x15ac:absPath). Found in every relationships part's external targets and in the workbook part.
 */
const USER_FOLDER = /(?:^|[\\/])(?:Users|Documents and Settings|home)[\\/]([^\\/]{1,80})[\\/]/i;
const MAX_RELATIONSHIP_PARTS = 200;

export async function findUserNamePaths(zip: ZipArchive, context: ExtractContext, extraParts: string[] = []): Promise<FindingDraft[]> {
  const users = new Set<string>();
  const look = (value: string | undefined) => {
    if (!value) return;
    let decoded = value;
    try {
      decoded = decodeURIComponent(value);
    } catch {
      // Keep it as written.
    }
    const user = USER_FOLDER.exec(decoded)?.[1];
    if (user && !/^(public|default|all users|shared)$/i.test(user)) users.add(user);
  };
  const relationshipParts = zip.names().filter((name) => name.endsWith('.rels')).slice(0, MAX_RELATIONSHIP_PARTS);
  for (const part of relationshipParts) {
    await parseXml(
      await zip.stream(part),
      { open: (element) => void (element.local === 'Relationship' && attribute(element, 'TargetMode') === 'External' && look(attribute(element, 'Target'))) },
      { context },
    );
  }
  for (const part of extraParts.filter((name) => zip.has(name))) {
    await parseXml(await zip.stream(part), { open: (element) => void (element.local === 'absPath' && look(attribute(element, 'url'))) }, { context });
  }
  return [...users].map((user) => ({
    category: 'hidden-content',
    kind: 'user-name-in-file-path',
    likelihood: 'possible',
    score: 50,
    location: { kind: 'properties' },
    excerpt: `…\\Users\\${maskWord(user)}\\…`,
    reason: 'A file path saved inside the file includes someone’s computer user name.',
    key: user.toLowerCase(),
  }));
}
