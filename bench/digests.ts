/**
 * Digest building benchmark: the contents of one digest period for BENCH_FOLLOWERS followers (default
 * 10,000) over BENCH_MATERIALS materials (default 100,000) and BENCH_PROJECTS projects (default
 * 10,000), in one run, through lib/following/build-digests.ts, the function the hourly job calls, with
 * the built-in Postgres engine. Prints the time, the searches and queries by kind and each kind's
 * time, peak memory (resident, sampled) and the command to rerun it. Written up in bench/README.md.
 *
 *   npm run bench:digests      (= npx tsx --conditions=react-server bench/digests.ts)
 *   BENCH_FOLLOWERS=1000 BENCH_MATERIALS=10000 npm run bench:digests
 *
 * Settings (environment): BENCH_FOLLOWERS, BENCH_MATERIALS, BENCH_PROJECTS (default 10,000), BENCH_DRIVER ('pg', the default, in a fresh
 * database on TEST_DATABASE_URL's server, dropped after; or 'pglite', in memory), TEST_DATABASE_URL.
 *
 * What is made (seeded with SQL, deterministic): materials from the councils, in the service areas,
 * at each visibility (70% public, 20% councils, 10% one council), published over the last 30 days;
 * followers mostly members of 60 councils (some of no council, a few site admins), each following one
 * council and one service area, and three in ten one of 40 saved searches. The digest period is the
 * last 7 days, as for a weekly digest. Projects from the councils (70% public, 20% councils, 10% one
 * council), registered over the last 60 days (so about one in nine is new in the period: new projects
 * in followed councils and service areas, and "a project like yours" for every council member, as
 * every council has projects in every service area), each with three updates over the last 30 days;
 * every follower follows two of 500 of them. Project news is one query per visibility scope and period
 * (updates, new projects) or per council, scope and period (projects like yours):
 * lib/following/find-project-updates.ts, find-new-projects.ts, find-similar-projects.ts. Followers of
 * the same thing who see the same things share one search (lib/following/find-new-materials.ts); the
 * first attempt, one full search per follower and followed thing, took 185 s for 1,000 followers.
 * Loopback only. Never part of `npm test`.
 */
import { sql } from 'drizzle-orm';
import { buildDigests } from '@/lib/following/build-digests';
import { digestBatchSize } from '@/lib/following/send-digests';
import { queryRows } from '@/lib/db/query-rows';
import type { TestDriver } from '@/lib/testing/databases';
import { createTestHub } from '@/lib/testing/test-hub';
import { MemorySampler } from './lib/memory-sampler';
import { machineLine, rerunWith, saveResults } from './lib/report';

const followerCount = Number(process.env.BENCH_FOLLOWERS || 10_000);
const materialCount = Number(process.env.BENCH_MATERIALS || 100_000);
const projectCount = Number(process.env.BENCH_PROJECTS || 10_000);
const driver = (process.env.BENCH_DRIVER || 'pg') as TestDriver;

const words = ['bins', 'recycling', 'housing', 'repairs', 'council tax', 'parking', 'library', 'planning', 'benefits', 'social care', 'research plan', 'journey map', 'personas', 'discovery report', 'consent form'];
const searches = Array.from({ length: 40 }, (_, i) => `q=${encodeURIComponent(words[i % words.length]!)}${i >= words.length ? `&topic=${['waste-recycling', 'housing', 'parking'][i % 3]}` : ''}`);

async function main() {
  console.log(machineLine());
  console.log(
    `Digest building: ${followerCount.toLocaleString('en-GB')} followers over ${materialCount.toLocaleString('en-GB')} materials and ${projectCount.toLocaleString('en-GB')} projects, on ${driver}`,
  );
  const hub = await createTestHub(driver);
  try {
    const db = hub.services.db;
    const seedStarted = performance.now();
    await db.execute(sql`
      CREATE TEMP TABLE bench_councils AS
        SELECT id, row_number() OVER (ORDER BY slug) - 1 AS n FROM organisations ORDER BY slug LIMIT 60`);
    await db.execute(sql`
      CREATE TEMP TABLE bench_topics AS
        SELECT slug, row_number() OVER (ORDER BY slug) - 1 AS n FROM topics`);
    const [{ councils, topics }] = (await queryRows<{ councils: number; topics: number }>(
      db,
      sql`SELECT (SELECT count(*)::int FROM bench_councils) AS councils, (SELECT count(*)::int FROM bench_topics) AS topics`,
    )) as [{ councils: number; topics: number }];
    const wordList = sql.raw(`ARRAY[${words.map((w) => `'${w}'`).join(', ')}]`);
    for (let start = 0; start < materialCount; start += 10_000) {
      const end = Math.min(materialCount, start + 10_000) - 1;
      await db.execute(sql`
        INSERT INTO materials (title, summary, artefact_type, kind, licence, topics, organisation_id, visibility, status, first_published_at, created_at)
        SELECT initcap((${wordList})[1 + i % ${words.length}]) || ' ' || (${wordList})[1 + (i / 7) % ${words.length}] || ' ' || i,
               'A summary about ' || (${wordList})[1 + (i / 3) % ${words.length}],
               'discussion-guide', 'template', 'OGL-UK-3.0',
               ARRAY[(SELECT slug FROM bench_topics WHERE n = i % ${topics})],
               (SELECT id FROM bench_councils WHERE n = (i * 7) % ${councils}),
               CASE WHEN i % 10 < 7 THEN 'public' WHEN i % 10 < 9 THEN 'councils' ELSE 'organisation' END,
               'published',
               now() - ((i % 43200) * interval '1 minute'),
               now() - ((i % 43200) * interval '1 minute')
        FROM generate_series(${start}::int, ${end}::int) AS i`);
    }
    await db.execute(sql`
      INSERT INTO users (email, name, organisation_id, role, is_site_admin)
      SELECT 'follower-' || i || '@bench.test', 'Follower ' || i,
             CASE WHEN i % 20 = 0 THEN NULL ELSE (SELECT id FROM bench_councils WHERE n = i % ${councils}) END,
             'member', i % 500 = 1
      FROM generate_series(0, ${followerCount - 1}::int) AS i`);
    await db.execute(sql`
      INSERT INTO follower_settings (user_id, frequency, created_at)
      SELECT id, 'weekly', now() - interval '30 days' FROM users WHERE email LIKE '%@bench.test'`);
    // One council (often a neighbour of their own), one service area, and for three in ten a saved search.
    await db.execute(sql`
      INSERT INTO follows (user_id, kind, target)
      SELECT u.id, 'council', (SELECT id::text FROM bench_councils WHERE n = (substring(u.email from 'follower-(\\d+)')::int / 3) % ${councils})
      FROM users u WHERE u.email LIKE '%@bench.test'
      UNION ALL
      SELECT u.id, 'topic', (SELECT slug FROM bench_topics WHERE n = (substring(u.email from 'follower-(\\d+)')::int / 5) % ${topics})
      FROM users u WHERE u.email LIKE '%@bench.test'`);
    const searchList = sql.raw(`ARRAY[${searches.map((s) => `'${s.replace(/'/g, "''")}'`).join(', ')}]`);
    await db.execute(sql`
      INSERT INTO follows (user_id, kind, target, name)
      SELECT u.id, 'search', (${searchList})[1 + (substring(u.email from 'follower-(\\d+)')::int / 11) % ${searches.length}], 'Saved search'
      FROM users u WHERE u.email LIKE '%@bench.test' AND substring(u.email from 'follower-(\\d+)')::int % 10 < 3`);
    await db.execute(sql`
      INSERT INTO projects (organisation_id, name, summary, topics, phase, start_on, visibility, created_at)
      SELECT (SELECT id FROM bench_councils WHERE n = (i * 7) % ${councils}), 'Project ' || i, 'A project about ' || (${wordList})[1 + i % ${words.length}],
             ARRAY[(SELECT slug FROM bench_topics WHERE n = i % ${topics})], 'discovery', current_date - 60,
             CASE WHEN i % 10 < 7 THEN 'public' WHEN i % 10 < 9 THEN 'councils' ELSE 'organisation' END,
             now() - ((i % 1440) * interval '1 hour') - interval '1 minute'
      FROM generate_series(0, ${projectCount - 1}::int) AS i`);
    await db.execute(sql`
      INSERT INTO project_updates (project_id, organisation_id, posted_on, body, created_at)
      SELECT p.id, p.organisation_id, current_date, 'Update ' || k || ' on ' || p.name, now() - ((k * 10 + (hashtext(p.name) & 7)) * interval '1 day') + interval '1 hour'
      FROM projects p CROSS JOIN generate_series(0, 2) AS k`);
    // Two of 500 projects each (most followed projects have many followers, as popular ones would).
    await db.execute(sql`
      CREATE TEMP TABLE bench_projects AS SELECT id, row_number() OVER (ORDER BY name) - 1 AS n FROM projects ORDER BY name LIMIT 500`);
    await db.execute(sql`
      INSERT INTO follows (user_id, kind, target)
      SELECT u.id, 'project', bp.id::text
      FROM users u CROSS JOIN generate_series(0, 1) AS k
      JOIN bench_projects bp ON bp.n = (substring(u.email from 'follower-(\\d+)')::int * 3 + k * 250) % 500
      WHERE u.email LIKE '%@bench.test'`);
    await db.execute(sql`ANALYZE`);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const [counts] = await queryRows<{ follows: number }>(db, sql`SELECT count(*)::int AS follows FROM follows`);
    console.log(`Seeded in ${seedSeconds.toFixed(1)} s: ${Number(counts!.follows).toLocaleString('en-GB')} follows`);

    const followers = await queryRows<{ id: string }>(db, sql`SELECT id FROM users WHERE email LIKE '%@bench.test' ORDER BY id`);
    const now = new Date();
    const coversFrom = new Date(now.getTime() - 7 * 86_400_000);
    const sampler = new MemorySampler(process.pid, false);
    sampler.mark();
    const started = performance.now();
    let searchesRun = 0;
    const queries = { materialSearches: 0, projectUpdates: 0, newProjects: 0, similarProjects: 0 };
    const kindSeconds = { materialSearches: 0, projectUpdates: 0, newProjects: 0, similarProjects: 0 };
    let sections = 0;
    let listed = 0;
    let updatesListed = 0;
    let newProjectsListed = 0;
    let similarListed = 0;
    for (let start = 0; start < followers.length; start += digestBatchSize) {
      const batch = followers.slice(start, start + digestBatchSize);
      const { built, searches: ran, queries: ranByKind, milliseconds } = await buildDigests(
        hub.services,
        batch.map((f, i) => ({ digestId: String(start + i), userId: f.id, coversFrom, coversTo: now })),
        { concurrency: driver === 'pg' ? 4 : 1 },
      );
      searchesRun += ran;
      for (const kind of Object.keys(queries) as (keyof typeof queries)[]) {
        queries[kind] += ranByKind[kind];
        kindSeconds[kind] += milliseconds[kind] / 1000;
      }
      for (const digest of built) {
        sections += digest.sections.length;
        for (const section of digest.sections) {
          listed += section.found.items.length;
          updatesListed += section.updates?.items.length ?? 0;
          newProjectsListed += section.newProjects?.items.length ?? 0;
          similarListed += section.similar?.items.length ?? 0;
        }
      }
    }
    const seconds = (performance.now() - started) / 1000;
    const memory = await sampler.report();
    const peakMb = memory.maxKb / 1024;
    await sampler.stop();

    console.log(`Built ${followers.length.toLocaleString('en-GB')} digests in ${seconds.toFixed(1)} s (${((seconds * 1000) / followers.length).toFixed(2)} ms a follower)`);
    const n = (value: number) => value.toLocaleString('en-GB');
    console.log(
      `Searches and queries run: ${n(searchesRun)}: ${n(queries.materialSearches)} material searches (one per followed thing, visibility scope and period), ${n(queries.projectUpdates)} project-update queries and ${n(queries.newProjects)} new-project queries (one per visibility scope and period), ${n(queries.similarProjects)} projects-like-yours queries (one per council, scope and period)`,
    );
    const s = (kind: keyof typeof kindSeconds) => `${kindSeconds[kind].toFixed(1)} s`;
    console.log(
      `Each kind, side by side (so they add up to more than the whole): material searches ${s('materialSearches')}, project updates ${s('projectUpdates')}, new projects ${s('newProjects')}, projects like yours ${s('similarProjects')}`,
    );
    console.log(
      `Sections: ${n(sections)}; named: ${n(listed)} materials, ${n(updatesListed)} project updates, ${n(newProjectsListed)} new projects, ${n(similarListed)} projects like yours`,
    );
    console.log(`Peak memory (resident, this process): ${peakMb.toFixed(0)} MB${driver === 'pg' ? ' (Postgres itself is a separate server)' : ''}`);
    const [{ newProjects }] = (await queryRows<{ newProjects: number }>(db, sql`SELECT count(*)::int AS "newProjects" FROM projects WHERE created_at > ${coversFrom.toISOString()}::timestamptz`)) as [{ newProjects: number }];
    console.log(`Projects registered in the period: ${n(Number(newProjects))} of ${n(projectCount)}`);
    const file = await saveResults('digests', {
      driver,
      followers: followerCount,
      materials: materialCount,
      projects: projectCount,
      projectsNewInPeriod: Number(newProjects),
      seconds,
      searches: searchesRun,
      queries,
      kindSeconds,
      sections,
      listed,
      updatesListed,
      newProjectsListed,
      similarListed,
      peakMb,
      seedSeconds,
    });
    console.log(`Results: ${file}`);
    console.log(`Rerun: ${rerunWith('npm run bench:digests')}`);
  } finally {
    await hub.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
