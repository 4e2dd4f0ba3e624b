// When Meilisearch is down, search answers from Postgres, with the same permissions, and says so.
// No stand-in here: the engine's real client meets a real refused connection (a port just freed)
// and a real server that accepts connections but never answers.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Viewer } from '@/lib/auth/viewer';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';
import { searchMaterials } from '../index';
import { emptySearchQuery } from '../search-params';
import { createMeilisearchEngine } from './index';
import { insertMaterial, memberOf, organisation } from './testing/test-materials';

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe.each(testDrivers)('search falls back to Postgres when Meilisearch is down, on %s', (driver) => {
  let hub: TestHub;
  let silent: net.Server;
  const sockets = new Set<net.Socket>();
  let bristol: { id: string; slug: string; name: string };

  beforeAll(async () => {
    hub = await createTestHub(driver);
    bristol = await organisation(hub.services.db, 'bristol');
    await insertMaterial(hub.services.db, { title: 'Bin collection journey map', organisationId: bristol.id });
    await insertMaterial(hub.services.db, { title: 'Bin round private notes', organisationId: bristol.id, visibility: 'organisation' });
    await insertMaterial(hub.services.db, { title: 'Withdrawn bin guide', status: 'withdrawn' });
    silent = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent?.close(() => resolve()));
    await hub?.close();
  });

  const search = (services: TestHub['services'], viewer: Viewer) => searchMaterials(services, viewer, { ...emptySearchQuery(), text: 'bin' });

  it('when the connection is refused: the Postgres results, marked as a fallback', async () => {
    const engine = createMeilisearchEngine({ engine: 'meilisearch', host: `http://127.0.0.1:${await closedPort()}`, index: 'materials' }, hub.services.db);
    expect(engine?.name).toBe('meilisearch');
    const withMeili = { ...hub.services, search: engine };
    for (const viewer of [anonymous, memberOf(bristol)]) {
      const expected = await search(hub.services, viewer);
      const started = Date.now();
      const found = await search(withMeili, viewer);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(found.fallback).toBe(true);
      expect(expected.fallback).toBe(false);
      expect({ ...found, fallback: false }).toEqual(expected);
    }
    expect((await search(withMeili, anonymous)).hits.map((h) => h.title)).toEqual(['Bin collection journey map']);
    expect((await search(withMeili, memberOf(bristol))).hits.map((h) => h.title).sort()).toEqual(['Bin collection journey map', 'Bin round private notes']);
  });

  it('when the server does not answer: the fallback comes after the short time limit', async () => {
    const { port } = silent.address() as net.AddressInfo;
    const engine = createMeilisearchEngine({ engine: 'meilisearch', host: `http://127.0.0.1:${port}`, index: 'materials' }, hub.services.db);
    const started = Date.now();
    const found = await search({ ...hub.services, search: engine }, anonymous);
    const took = Date.now() - started;
    expect(found.fallback).toBe(true);
    expect(found.hits.map((h) => h.title)).toEqual(['Bin collection journey map']);
    expect(took).toBeGreaterThanOrEqual(1_900);
    expect(took).toBeLessThan(6_000);
    // The next search does not wait again.
    const again = Date.now();
    expect((await search({ ...hub.services, search: engine }, anonymous)).fallback).toBe(true);
    expect(Date.now() - again).toBeLessThan(1_000);
  });

  it('is not set up at all when search runs on Postgres', () => {
    expect(createMeilisearchEngine({ engine: 'postgres' }, hub.services.db)).toBeUndefined();
  });
});
