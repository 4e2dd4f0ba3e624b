import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { checkProblem } from '@/lib/api/testing/openapi-checker';

// Every route file under app/api/v1, found on disk (so a route added later is covered without being
// listed here): each method Next.js routes that the address does not take answers 405 as problem
// details with an Allow header naming the ones it does, and OPTIONS answers with the same Allow.
// These answers come before anything is looked up, so no database is needed.
vi.mock('@/lib/runtime', () => ({
  services: async () => {
    throw new Error('a 405 must not need the hub');
  },
}));

const root = path.join(import.meta.dirname);
const methods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Method = (typeof methods)[number];
type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

function routeFiles(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === 'route.ts' ? [full] : [];
  });
}

/** A concrete address for a route file: app/api/v1/materials/[id]/route.ts → /api/v1/materials/<uuid>. */
function addressOf(file: string): string {
  const relative = path.relative(root, path.dirname(file)).split(path.sep).filter(Boolean);
  const segments = relative.map((segment) => (segment.startsWith('[...') ? 'nothing/here' : segment.startsWith('[') ? crypto.randomUUID() : segment));
  return ['/api/v1', ...segments].join('/');
}

describe('methods an API address does not take', () => {
  const files = routeFiles(root).filter((file) => !file.includes('[...rest]'));

  it('finds the API’s route files', () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
  });

  it.each(files.map((file) => [path.relative(root, file), file]))('%s answers 405 with Allow for every other method', async (_name, file) => {
    const route = (await import(file)) as Partial<Record<Method | 'OPTIONS', Handler>>;
    const options = await route.OPTIONS!(new Request(`http://hub.test${addressOf(file)}`, { method: 'OPTIONS' }), { params: Promise.resolve({}) });
    expect(options.status).toBe(204);
    const allow = options.headers.get('allow')!.split(', ');
    expect(allow).toContain('OPTIONS');
    for (const method of methods) {
      if (allow.includes(method)) continue;
      const handler = route[method];
      expect(handler, `${method} must be exported (otherMethods) so Next.js does not answer on its own`).toBeTypeOf('function');
      const response = await handler!(new Request(`http://hub.test${addressOf(file)}`, { method }), { params: Promise.resolve({}) });
      expect(response.status, method).toBe(405);
      expect(response.headers.get('allow'), method).toBe(allow.join(', '));
      if (method === 'HEAD') continue;
      expect(response.headers.get('content-type'), method).toBe('application/problem+json');
      const body: unknown = await response.json();
      checkProblem(body);
      expect(body).toMatchObject({ status: 405, type: '/developers#problem-method-not-allowed' });
    }
    // Each method it takes is a real handler, not the refusal.
    for (const method of allow.filter((m): m is Method => m !== 'OPTIONS' && m !== 'HEAD')) expect(route[method], method).toBeTypeOf('function');
  });

  it('answers any method on an address that does not exist with a 404 problem, not 405', async () => {
    const rest = (await import('./[...rest]/route')) as unknown as Record<string, Handler>;
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
      const response = await rest[method]!(new Request('http://hub.test/api/v1/nothing', { method }), { params: Promise.resolve({}) });
      expect(response.status, method).toBe(404);
      checkProblem(await response.json());
    }
  });
});
