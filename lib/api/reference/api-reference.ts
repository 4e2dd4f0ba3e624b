/**
 * The reference page (/developers) as data, read from the OpenAPI document alone, so the page can say
 * nothing the document does not: operations grouped by tag, each with its parameters and answers, and
 * every named schema with its fields. Pure: no database, no settings.
 */

type JsonObject = Record<string, unknown>;

export interface ReferenceParameter {
  name: string;
  where: 'path' | 'query';
  required: boolean;
  type: string;
  description: string;
}

export interface ReferenceAnswer {
  status: string;
  description: string;
  /** The named schema of its body, if it has one. */
  schema: string | null;
  contentType: string | null;
}

export interface ReferenceOperation {
  id: string;
  method: string;
  path: string;
  summary: string;
  description: string;
  parameters: ReferenceParameter[];
  /** What a write takes: its body's content type and named schema. */
  requestBody: { contentType: string; schema: string | null; required: boolean } | null;
  /** A write: a read and write token only. */
  needsWriteToken: boolean;
  answers: ReferenceAnswer[];
}

export interface ReferenceField {
  name: string;
  type: string;
  required: boolean;
  description: string;
}

export interface ApiReference {
  title: string;
  description: string;
  version: string;
  serverUrl: string;
  groups: { tag: string; description: string; operations: ReferenceOperation[] }[];
  schemas: { name: string; description: string; fields: ReferenceField[] }[];
}

const refName = (ref: unknown) => (typeof ref === 'string' ? ref.split('/').pop()! : null);

/** A schema's type in a few words: "string (one of: a, b)", "array of SearchResult", "Council or null". */
export function typeWords(schema: JsonObject | undefined, depth = 0): string {
  if (!schema) return 'any';
  if (schema.$ref) return refName(schema.$ref)!;
  const enumValues = schema.enum as unknown[] | undefined;
  if (enumValues) {
    const shown = enumValues.slice(0, 8).join(', ');
    return `one of: ${shown}${enumValues.length > 8 ? `, … (${enumValues.length} in all)` : ''}`;
  }
  if ('const' in schema) return `“${String(schema.const)}”`;
  for (const key of ['anyOf', 'oneOf'] as const) {
    const options = schema[key] as JsonObject[] | undefined;
    if (options) return options.map((option) => typeWords(option, depth + 1)).join(' or ');
  }
  const type = schema.type;
  if (Array.isArray(type)) return type.map((t) => typeWords({ ...schema, type: t }, depth + 1)).join(' or ');
  if (type === 'array') return `list of ${typeWords(schema.items as JsonObject, depth + 1)}`;
  if (type === 'object') return depth > 1 ? 'object' : 'object (see its fields)';
  const format = schema.format ? ` (${schema.format})` : schema.pattern && type === 'string' ? ` matching ${String(schema.pattern)}` : '';
  const range = schema.minimum !== undefined || schema.maximum !== undefined ? ` from ${String(schema.minimum ?? '…')} to ${String(schema.maximum ?? '…')}` : '';
  return `${String(type ?? 'any')}${format}${range}`;
}

function fieldsOf(schema: JsonObject, prefix = '', depth = 0): ReferenceField[] {
  const properties = (schema.properties ?? {}) as Record<string, JsonObject>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).flatMap(([name, property]) => {
    const field = { name: `${prefix}${name}`, type: typeWords(property), required: required.has(name), description: String(property.description ?? '') };
    // Nested objects without a name of their own are listed field by field ("file.sizeBytes").
    const nested = property.type === 'object' && property.properties && depth < 2 ? fieldsOf(property, `${prefix}${name}.`, depth + 1) : [];
    return [field, ...nested];
  });
}

export function apiReference(document: JsonObject): ApiReference {
  const info = document.info as { title: string; description?: string; version: string };
  const paths = document.paths as Record<string, Record<string, JsonObject>>;
  const tags = (document.tags ?? []) as { name: string; description?: string }[];
  const operations: (ReferenceOperation & { tag: string })[] = [];
  for (const [path, methods] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const parameters = ((operation.parameters ?? []) as JsonObject[]).map((p) => ({
        name: String(p.name),
        where: p.in as 'path' | 'query',
        required: p.required === true,
        type: typeWords(p.schema as JsonObject),
        description: String(p.description ?? (p.schema as JsonObject | undefined)?.description ?? ''),
      }));
      const answers = Object.entries((operation.responses ?? {}) as Record<string, JsonObject>).map(([status, answer]) => {
        const content = answer.content as Record<string, { schema?: JsonObject }> | undefined;
        const [contentType, body] = content ? Object.entries(content)[0]! : [null, undefined];
        return { status, description: String(answer.description ?? ''), schema: refName(body?.schema?.$ref), contentType };
      });
      const bodyContent = ((operation.requestBody as JsonObject | undefined)?.content ?? null) as Record<string, { schema?: JsonObject }> | null;
      const [bodyType, bodySchema] = bodyContent ? Object.entries(bodyContent)[0]! : [null, undefined];
      const security = operation.security as Record<string, string[]>[] | undefined;
      operations.push({
        id: String(operation.operationId),
        requestBody: bodyType ? { contentType: bodyType, schema: refName(bodySchema?.schema?.$ref), required: (operation.requestBody as JsonObject).required === true } : null,
        needsWriteToken: security?.some((s) => s.bearerToken?.includes('read-write')) ?? false,
        method: method.toUpperCase(),
        path,
        summary: String(operation.summary ?? ''),
        description: String(operation.description ?? ''),
        parameters,
        answers,
        tag: ((operation.tags ?? []) as string[])[0] ?? 'Other',
      });
    }
  }
  const schemas = Object.entries(((document.components as JsonObject | undefined)?.schemas ?? {}) as Record<string, JsonObject>).map(([name, schema]) => ({
    name,
    description: String(schema.description ?? ''),
    fields: schema.type === 'object' ? fieldsOf(schema) : [{ name: '(the whole value)', type: typeWords(schema), required: true, description: '' }],
  }));
  return {
    title: info.title,
    description: info.description ?? '',
    version: info.version,
    serverUrl: String(((document.servers ?? []) as { url: string }[])[0]?.url ?? ''),
    groups: tags.map((tag) => ({ tag: tag.name, description: tag.description ?? '', operations: operations.filter((o) => o.tag === tag.name) })),
    schemas,
  };
}
