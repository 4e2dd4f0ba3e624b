import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { openApiDocument } from '../openapi-document';

/**
 * Test support: checks an API response against the OpenAPI document the hub serves, as a program
 * reading the document would: the status must be one the operation lists, the content type one it
 * lists, and a JSON body must match the schema given for it (ajv, JSON Schema 2020-12, formats on).
 */
type JsonObject = Record<string, unknown>;

export const testSite = 'http://hub.test';

const document = openApiDocument(testSite) as unknown as JsonObject & { paths: Record<string, Record<string, { responses: Record<string, JsonObject> }>>; components: { schemas: Record<string, JsonObject> } };
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema({ $id: 'openapi.json', components: document.components } as JsonObject, 'openapi.json');

/** The document's path for a concrete path: /api/v1/materials/123 → /materials/{id}. */
function templateFor(pathname: string): string {
  const inApi = pathname.replace(/^\/api\/v1/, '');
  for (const template of Object.keys(document.paths)) {
    const pattern = new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`);
    if (pattern.test(inApi)) return template;
  }
  throw new Error(`${pathname} is not in the OpenAPI document`);
}

/** Fails (throws) unless `response` is one the document allows for `method` on `pathname`; returns the parsed JSON body, if any. */
export async function checkAgainstDocument(pathname: string, response: Response, method = 'GET'): Promise<unknown> {
  const template = templateFor(pathname);
  const described = document.paths[template]![method.toLowerCase()];
  if (!described) throw new Error(`${method} ${template} is not in the document`);
  const answer = described.responses[String(response.status)];
  if (!answer) throw new Error(`${method} ${template}: the document lists no ${response.status} answer`);
  const content = answer.content as Record<string, { schema: JsonObject }> | undefined;
  if (!content) {
    if (response.status !== 303 && response.status !== 304) throw new Error(`${template} ${response.status}: expected no body`);
    return undefined;
  }
  const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
  const entry = content[type] ?? (content['application/octet-stream'] && !type.includes('json') ? content['application/octet-stream'] : undefined);
  if (!entry) throw new Error(`${template} ${response.status}: content type ${type} is not in the document (${Object.keys(content).join(', ')})`);
  if (!type.includes('json')) return undefined;
  const body: unknown = await response.clone().json();
  const ref = (entry.schema.$ref as string).replace('#/components', 'openapi.json#/components');
  const validate = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
  if (!validate(body)) throw new Error(`${template} ${response.status}: the body does not match the document: ${ajv.errorsText(validate.errors)}`);
  return body;
}

/** Fails (throws) unless `body` is a problem as the document describes one (for answers no operation lists: 405). */
export function checkProblem(body: unknown): void {
  const validate = ajv.getSchema('openapi.json#/components/schemas/Problem') ?? ajv.compile({ $ref: 'openapi.json#/components/schemas/Problem' });
  if (!validate(body)) throw new Error(`not a problem as the document describes one: ${ajv.errorsText(validate.errors)}`);
}

export function servedDocument(): JsonObject {
  return document;
}
