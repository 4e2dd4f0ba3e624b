import { resolveLimits } from '@/lib/extract/limits';
import { attribute, parseXml } from '@/lib/extract/xml-text';
import { resolvePartName, ZipArchive } from '@/lib/extract/zip';

/**
 * Test-only: what Office checks before it offers to "repair" a package, as far as a clean-up can
 * break it: every internal relationship points at a part that exists, every content-type override
 * names a part that exists, every part parses as XML, and every relationship id an XML part uses
 * (r:id, r:embed…) is declared in its relationships. Returns the problems found (none: consistent).
 */
export async function packageProblems(bytes: Buffer): Promise<string[]> {
  const problems: string[] = [];
  const zip = await ZipArchive.open(bytes, resolveLimits(), new AbortController().signal);
  try {
    const names = new Set(zip.names());
    const declared = new Map<string, Set<string>>();
    for (const rels of [...names].filter((n) => n.endsWith('.rels'))) {
      const match = /^(.*?)_rels\/(.*)\.rels$/.exec(rels)!;
      const source = `${match[1]}${match[2]}`;
      const folder = source.includes('/') ? source.slice(0, source.lastIndexOf('/')) : '';
      const ids = new Set<string>();
      await parseXml(await zip.stream(rels), {
        open(element) {
          if (element.local !== 'Relationship') return;
          ids.add(attribute(element, 'Id') ?? '');
          if (attribute(element, 'TargetMode') === 'External') return;
          const target = resolvePartName(folder, attribute(element, 'Target') ?? '');
          if (!target || !names.has(target)) problems.push(`${rels} points at missing ${target}`);
        },
      });
      declared.set(source, ids);
    }
    await parseXml(await zip.stream('[Content_Types].xml'), {
      open(element) {
        const part = attribute(element, 'PartName')?.replace(/^\//, '');
        if (element.local === 'Override' && part && !names.has(part)) problems.push(`override for missing ${part}`);
      },
    });
    for (const part of [...names].filter((n) => /\.(xml|rels)$/.test(n))) {
      const prefixes = new Set<string>();
      const ids = declared.get(part) ?? new Set();
      await parseXml(await zip.stream(part), {
        open(element) {
          for (const [name, value] of Object.entries(element.attributes)) {
            if (name.startsWith('xmlns:') && value.endsWith('/relationships')) prefixes.add(name.slice(6));
            const colon = name.indexOf(':');
            if (colon > 0 && prefixes.has(name.slice(0, colon)) && !ids.has(value)) problems.push(`${part} uses undeclared relationship ${value}`);
          }
        },
      });
    }
  } finally {
    zip.close();
  }
  return problems;
}
