import 'server-only';
import path from 'node:path';
import { writeAlternativeFormats } from '@/lib/documents';
import { starterKitDocumentSources } from '@/lib/seed/starter-kit-documents';
import { runCommand } from './run-command';

/**
 * `npm run documents:starter-kit -- <folder>`: writes every starter-kit template as DOCX and ODT into
 * the folder (made if missing) and says how long it took. Touches no database or storage.
 */

const usage = `Usage: npm run documents:starter-kit -- <folder>

Writes each starter-kit template (lib/seed/starter-kit/*.md) as a Word document (.docx) and an
OpenDocument text file (.odt) into <folder>, relative to ${process.cwd()}.`;

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(usage);
    return 0;
  }
  if (args.length !== 1 || args[0]!.startsWith('-')) {
    console.error(args.length === 0 ? 'Give the folder to write the files to.\n' : `Unexpected arguments: ${args.join(' ')}\n`);
    console.error(usage);
    return 2;
  }
  const folder = path.resolve(args[0]!);
  const started = performance.now();
  const sources = starterKitDocumentSources();
  const written = await writeAlternativeFormats(sources, folder);
  const seconds = (performance.now() - started) / 1000;
  for (const file of written) console.log(`${path.relative(process.cwd(), file.path)}  ${(file.sizeBytes / 1024).toFixed(1)} KB`);
  console.log(`Wrote ${written.length} files for ${sources.length} templates in ${seconds.toFixed(2)} s.`);
  return 0;
}

runCommand(main, 'Writing the starter-kit documents failed unexpectedly');
