import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The architecture is enforced by the linter (eslint.config.mjs), which `npm test` runs. These tests
 * prove each rule bites: a file placed in one layer that imports from a layer it must not is an error,
 * with the rule's own explanation. Each case lints source text as if it were a real file at that path.
 */

const root = path.resolve(import.meta.dirname, '..');
// The layer rules need no type information: leave out the type-aware rules' TypeScript program,
// which takes most of a lint's time.
const eslint = new ESLint({
  cwd: root,
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false, project: null } },
    rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
  },
});

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('the layers, as lint rules', () => {
  it('pages and route handlers never import the database or its drivers', async () => {
    expect(await problems('app/search/page.tsx', "import { users } from '@/lib/db/schema';\nexport const x = users;\n")).toEqual([
      expect.stringContaining('app/ calls domain functions'),
    ]);
    expect(await problems('app/search/page.tsx', "import { sql } from 'drizzle-orm';\nexport const x = sql;\n")).toEqual([
      expect.stringContaining('app/ calls domain functions'),
    ]);
  });

  it('pages and route handlers never reach for the database handle', async () => {
    const code = "import { services } from '@/lib/runtime';\nexport async function GET() { return (await services()).db; }\n";
    expect(await problems('app/materials/[id]/download/route.ts', code)).toEqual([expect.stringContaining('never use the database handle')]);
  });

  it('lib/extract imports nothing from the domain', async () => {
    const code = "import { createMaterial } from '@/lib/materials/create-material';\nexport const x = createMaterial;\n";
    expect(await problems('lib/extract/pdf.ts', code)).toEqual([expect.stringContaining('lib/extract/ is standalone')]);
  });

  it('the domain never imports pages or the web layer', async () => {
    expect(await problems('lib/materials/get-material.ts', "import NotFound from '@/app/not-found';\nexport const x = NotFound;\n")).toEqual([
      expect.stringContaining('the domain never imports pages'),
    ]);
    expect(
      await problems('lib/materials/get-material.ts', "import { currentViewer } from '@/lib/sign-in/current-viewer';\nexport const x = currentViewer;\n"),
    ).toEqual([expect.stringContaining('the domain never imports pages')]);
  });

  it('the permission rules never reach up to sign-in or the domain', async () => {
    const code = "import { authOptions } from '@/lib/sign-in/auth-options';\nexport const x = authOptions;\n";
    expect(await problems('lib/auth/permissions.ts', code)).toEqual([expect.stringContaining('lib/auth holds the permission rules')]);
  });

  it('production code never imports test support', async () => {
    const code = "import { createTestHub } from '@/lib/testing/test-hub';\nexport const x = createTestHub;\n";
    expect(await problems('lib/materials/get-material.ts', code)).toEqual([expect.stringContaining('never imports test support')]);
  });

  it('the logger uses nothing above its settings, and the settings never use the logger', async () => {
    const code = "import { services } from '@/lib/runtime';\nexport const x = services;\n";
    expect(await problems('lib/logging/logger.ts', code)).toEqual([expect.stringContaining('lib/logging sits just above the settings')]);
    const logs = "import { logger } from '@/lib/logging';\nexport const x = logger;\n";
    expect(await problems('lib/config/index.ts', logs)).toEqual([expect.stringContaining('the settings sit below the logger')]);
  });

  it('allows what the layers allow', async () => {
    const code = "import { getMaterial } from '@/lib/materials/get-material';\nexport const x = getMaterial;\n";
    expect(await problems('app/search/page.tsx', code)).toEqual([]);
    const logs = "import { logger } from '@/lib/logging';\nexport const x = logger;\n";
    expect(await problems('lib/db/client.ts', logs)).toEqual([]);
    expect(await problems('lib/jobs/worker.ts', logs)).toEqual([]);
  });
});
