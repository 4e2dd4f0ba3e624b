import { z } from 'zod';

/**
 * Every named schema of the API: the OpenAPI document's `components.schemas` are generated from this
 * registry (lib/api/openapi-document.ts), and the same schemas validate requests and shape responses,
 * so the document cannot drift from what the API does. Descriptions go on the schemas themselves
 * (`.describe()`); names only here.
 */
export const apiSchemas = z.registry<{ id: string }>();

/** `schema`, registered under `id` (a component of the OpenAPI document). */
export function named<T extends z.ZodType>(id: string, schema: T): T {
  apiSchemas.add(schema, { id });
  return schema;
}
