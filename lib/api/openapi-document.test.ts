import { createConfig, lintFromString } from '@redocly/openapi-core';
import { describe, expect, it } from 'vitest';
import { apiOperations } from './operations';
import { servedDocument } from './testing/openapi-checker';

describe('the OpenAPI document', () => {
  const document = servedDocument();

  it('passes Redocly’s recommended rules with no errors and no warnings', async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: 'openapi.json', config });
    expect(problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location.map((l) => l.pointer).join(' ')}`)).toEqual([]);
  });

  it('has every operation, with the query parameters its route checks', () => {
    const paths = document.paths as Record<string, Record<string, { operationId: string; parameters: { name: string; in: string }[] }>>;
    for (const operation of apiOperations()) {
      const described = paths[operation.path]![operation.method ?? 'get']!;
      expect(described.operationId).toBe(operation.operationId);
      expect(described.parameters.filter((p) => p.in === 'query').map((p) => p.name)).toEqual(Object.keys(operation.query));
      expect(described.parameters.filter((p) => p.in === 'path').map((p) => p.name)).toEqual(Object.keys(operation.params));
    }
  });

  it('describes the search filters with the vocabularies’ own values', () => {
    const search = (document.paths as Record<string, { get: { parameters: { name: string; schema: { items?: { enum?: string[] } } }[] } }>)['/search']!.get;
    const phase = search.parameters.find((p) => p.name === 'phase')!;
    expect(phase.schema.items?.enum).toContain('discovery');
  });
});
