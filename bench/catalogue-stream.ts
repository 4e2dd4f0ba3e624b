/**
 * The DCAT catalogue on a large hub: how long /catalog.jsonld and /catalog.ttl take to write every
 * public material, how soon the first bytes come, and how much the process's memory grows meanwhile,
 * so "streamed, a page of rows at a time" is a figure rather than a claim.
 *
 *   npx tsx --conditions=react-server bench/catalogue-stream.ts      (BENCH_MATERIALS, default 100000)
 *
 * Fills a fresh database on the test Postgres server with BENCH_MATERIALS public materials (each with
 * one file version; a tenth are private, drafts or withdrawn and must be left out), then reads each
 * catalogue through the same functions as the routes, counting bytes and datasets as they arrive.
 * Never part of `npm test`.
 */
import { sql } from 'drizzle-orm';
import { publicCatalogueRecords } from '@/lib/open-data/catalogue/catalogue-records';
import { catalogueJsonLd, catalogueTurtle } from '@/lib/open-data/catalogue/dcat-graph';
import { createTestHub } from '@/lib/testing/test-hub';
import { machineLine, rerunWith, saveResults } from './lib/report';

const rerunCommand = rerunWith('npx tsx --conditions=react-server bench/catalogue-stream.ts');
const materialCount = Math.max(1000, Number(process.env.BENCH_MATERIALS || 100_000));
const site = 'https://hub.example.org';

async function fill(hub: Awaited<ReturnType<typeof createTestHub>>) {
  // One statement each: generate_series is far quicker than the app's own sharing for 100,000 rows.
  await hub.services.db.execute(sql`
    INSERT INTO materials (title, summary, phases, artefact_type, kind, topics, tags, licence, organisation_id, visibility, status)
    SELECT 'Discovery research plan ' || n, 'What we asked residents about bins, round ' || n || '.', ARRAY['discovery'], 'research-plan', 'template',
           ARRAY['waste'], ARRAY['interviews', 'bins'], 'OGL-UK-3.0', (SELECT id FROM organisations WHERE slug = 'bristol'),
           CASE WHEN n % 20 = 0 THEN 'organisation' ELSE 'public' END,
           CASE WHEN n % 20 = 1 THEN 'draft' ELSE 'published' END
      FROM generate_series(1, ${materialCount}) AS n`);
  await hub.services.db.execute(sql`
    INSERT INTO material_versions (material_id, version_number, file_name, format, content_type, size_bytes, sha256, storage_key, published_at)
    SELECT id, 1, 'plan.docx', 'docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 40960,
           md5(id::text) || md5(id::text), 'materials/bench/' || id, CASE WHEN status = 'draft' THEN NULL ELSE now() END
      FROM materials`);
  // As autovacuum would soon after such a load: without statistics the planner guesses.
  await hub.services.db.execute(sql`ANALYZE materials`);
  await hub.services.db.execute(sql`ANALYZE material_versions`);
}

async function measure(name: string, pieces: AsyncIterable<string>, marker: string) {
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const started = performance.now();
  let firstByteMs = 0;
  let bytes = 0;
  let datasets = 0;
  for await (const piece of pieces) {
    if (bytes === 0) firstByteMs = performance.now() - started;
    bytes += Buffer.byteLength(piece);
    datasets += piece.split(marker).length - 1;
  }
  const totalMs = performance.now() - started;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const result = { datasets, megabytes: bytes / 1e6, firstByteMs, totalMs, datasetsPerSecond: datasets / (totalMs / 1000), rssGrowthMb: (peak - baseline) / 1e6 };
  console.log(
    `${name.padEnd(8)} ${datasets} datasets, ${result.megabytes.toFixed(1)} MB in ${(totalMs / 1000).toFixed(1)} s ` +
      `(${Math.round(result.datasetsPerSecond)}/s), first bytes after ${firstByteMs.toFixed(0)} ms, RSS grew ${result.rssGrowthMb.toFixed(0)} MB`,
  );
  return result;
}

async function main() {
  console.log(`DCAT catalogue of ${materialCount} materials on Postgres. ${machineLine()}`);
  const hub = await createTestHub('pg');
  try {
    const filling = performance.now();
    await fill(hub);
    console.log(`Filled in ${((performance.now() - filling) / 1000).toFixed(1)} s`);
    // The database reads alone, to tell their share of the time from the writing's.
    const reads = await measure('reads', (async function* () {
      for await (const record of publicCatalogueRecords(hub.services)) yield `${record.id}|`;
    })(), '|');
    global.gc?.();
    const jsonLd = await measure('JSON-LD', catalogueJsonLd(publicCatalogueRecords(hub.services), site), '"@type":"dcat:Dataset"');
    global.gc?.();
    const turtle = await measure('Turtle', catalogueTurtle(publicCatalogueRecords(hub.services), site), ' a dcat:Dataset');
    console.log(`Saved ${await saveResults('catalogue-stream', { materials: materialCount, reads, jsonLd, turtle })}`);
  } finally {
    await hub.close();
  }
  console.log(`Rerun: ${rerunCommand}`);
}

void main();
