import { createConfig, lintFromString } from '@redocly/openapi-core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiOperations } from './operations';
import { apiSchemas } from './schemas/registry';
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

  it('describes each write’s body with the zod schema that checks it, for read and write tokens only', () => {
    const paths = document.paths as Record<string, Record<string, { security?: unknown; requestBody?: { content: Record<string, { schema: { $ref: string } }> }; responses: Record<string, unknown> }>>;
    const schemas = (document.components as { schemas: Record<string, { properties: Record<string, unknown>; additionalProperties?: boolean; required?: string[] }> }).schemas;
    for (const operation of apiOperations().filter((o) => o.method && o.method !== 'get')) {
      const described = paths[operation.path]![operation.method!]!;
      expect(described.security, operation.operationId).toEqual([{ bearerToken: ['read-write'] }]);
      const schema = described.requestBody!.content[operation.requestBody!.contentType]!.schema;
      const id = apiSchemas.get(operation.requestBody!.schema)!.id;
      expect(schema.$ref).toBe(`#/components/schemas/${id}`);
      // Generated from the same object, and strict: a field it does not name is refused.
      expect(schemas[id]).toEqual(withoutDialect(z.toJSONSchema(operation.requestBody!.schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>));
      expect(schemas[id]!.additionalProperties, id).toBe(false);
      expect(Object.keys(described.responses), operation.operationId).toContain(operation.created ? '201' : '200');
    }
    expect(Object.keys(schemas.NewMaterial!.properties)).toEqual(expect.arrayContaining(['title', 'phases', 'visibility', 'file']));
    expect(schemas.NewMaterial!.required).toEqual(expect.arrayContaining(['title', 'phases', 'artefactType', 'kind', 'file']));
    expect(Object.keys(paths['/materials/{id}']!).sort()).toEqual(['get', 'patch']);
  });

  it('describes the search filters with the vocabularies’ own values', () => {
    const search = (document.paths as Record<string, { get: { parameters: { name: string; schema: { items?: { enum?: string[] } } }[] } }>)['/search']!.get;
    const phase = search.parameters.find((p) => p.name === 'phase')!;
    expect(phase.schema.items?.enum).toContain('discovery');
  });
});

function withoutDialect(schema: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _dialect, $id: _id, ...rest } = schema;
  return rest;
}
