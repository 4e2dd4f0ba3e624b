import { describe, expect, it } from 'vitest';
import { apiOperations } from '../operations';
import { servedDocument } from '../testing/openapi-checker';
import { apiReference, typeWords } from './api-reference';

describe('the API reference page’s content', () => {
  const reference = apiReference(servedDocument());

  it('lists every operation of the document once, under its tag, with its parameters and answers', () => {
    const listed = reference.groups.flatMap((g) => g.operations);
    expect(listed.map((o) => o.id).sort()).toEqual(apiOperations().map((o) => o.operationId).sort());
    const search = listed.find((o) => o.id === 'searchMaterials')!;
    expect(search.method).toBe('GET');
    expect(search.parameters.map((p) => p.name)).toEqual(['q', 'phase', 'type', 'kind', 'topic', 'council', 'licence', 'sort', 'limit', 'cursor']);
    expect(search.parameters.find((p) => p.name === 'limit')!.type).toBe('integer from 1 to 50');
    expect(search.answers.map((a) => a.status)).toEqual(['200', '304', '400', '401', '429', '500']);
    expect(search.answers[0]!.schema).toBe('SearchResults');
    const download = listed.find((o) => o.id === 'downloadMaterial')!;
    expect(download.answers.map((a) => a.status)).toContain('303');
  });

  it('says what each write takes and that it needs a read and write token', () => {
    const listed = reference.groups.flatMap((g) => g.operations);
    const create = listed.find((o) => o.id === 'createMaterial')!;
    expect(create).toMatchObject({ method: 'POST', path: '/materials', needsWriteToken: true, requestBody: { contentType: 'multipart/form-data', schema: 'NewMaterial', required: true } });
    expect(create.answers.map((a) => a.status)).toEqual(expect.arrayContaining(['201', '401', '403', '413', '415', '422']));
    expect(listed.find((o) => o.id === 'changeMaterial')).toMatchObject({ method: 'PATCH', requestBody: { contentType: 'application/json', schema: 'MaterialChanges' } });
    expect(listed.find((o) => o.id === 'publishMaterial')!.requestBody!.required).toBe(false);
    expect(listed.find((o) => o.id === 'getMaterial')).toMatchObject({ needsWriteToken: false, requestBody: null });
  });

  it('lists every named data shape with its fields, nested ones by their path', () => {
    const material = reference.schemas.find((s) => s.name === 'Material')!;
    expect(material.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['id', 'title', 'file.sizeBytes', 'versions']));
    expect(material.fields.find((f) => f.name === 'versions')!.type).toBe('list of MaterialVersion');
  });

  it('puts types in few words', () => {
    expect(typeWords({ type: ['string', 'null'] })).toBe('string or null');
    expect(typeWords({ anyOf: [{ $ref: '#/components/schemas/CouncilRef' }, { type: 'null' }] })).toBe('CouncilRef or null');
    expect(typeWords({ type: 'string', enum: ['a', 'b'] })).toBe('one of: a, b');
    expect(typeWords({ type: 'string', format: 'date-time' })).toBe('string (date-time)');
  });
});
