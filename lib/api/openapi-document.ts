import 'server-only';
import { z } from 'zod';
import type { ApiOperation } from './api-operation';
import { apiOperations } from './operations';
import { PROBLEM_CONTENT_TYPE, problemMeanings, problemStatus, type ProblemCode } from './problem';
import { apiSchemas } from './schemas/registry';

type JsonObject = Record<string, unknown>;

export const apiBasePath = '/api/v1';

const tagDescriptions: Record<ApiOperation['tag'], string> = {
  Search: 'Find materials, as the search page does.',
  Materials: 'One material, its versions and its files; and, with a read and write token, sharing, changing, replacing, withdrawing and publishing materials.',
  Vocabularies: 'The fixed lists materials are described with.',
  Councils: 'Councils and other public bodies on the hub.',
  Commitments: 'What councils have said they will share, and what they kept.',
  Projects: 'What councils are working on, with partners, materials and updates.',
  Kits: 'Discovery kits: ordered sets of materials with notes, and their zips.',
  'About the API': 'This document.',
};


/**
 * JSON Schema as zod writes it, without `$schema` (the document's dialect is set once, at the top) and
 * without the `$id` it gives registered schemas (a fragment, which 2020-12 does not allow in `$id`;
 * they are found by their place under components instead).
 */
function withoutDialect(schema: JsonObject): JsonObject {
  const { $schema: _dialect, $id: _id, ...rest } = schema;
  return rest;
}

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

function parameters(operation: ApiOperation): JsonObject[] {
  const one = (where: 'path' | 'query', name: string, field: z.ZodType) => {
    const schema = withoutDialect(z.toJSONSchema(field, { io: 'input', unrepresentable: 'any' }) as JsonObject);
    const { description, ...rest } = schema;
    const required = where === 'path' || !(field instanceof z.ZodOptional);
    return {
      name,
      in: where,
      required,
      ...(description ? { description } : {}),
      schema: rest,
      ...(rest.type === 'array' ? { style: 'form', explode: true } : {}),
    };
  };
  return [
    ...Object.entries(operation.params).map(([name, field]) => one('path', name, field)),
    ...Object.entries(operation.query).map(([name, field]) => one('query', name, field)),
  ];
}

function problem(code: ProblemCode): [string, JsonObject] {
  const headers = problemHeaders[code];
  return [String(problemStatus(code)), { description: problemMeanings[code], ...(headers ? { headers } : {}), content: { [PROBLEM_CONTENT_TYPE]: { schema: ref('Problem') } } }];
}

const rateLimitHeaders: JsonObject = {
  RateLimit: { description: 'Requests left in this window and seconds until it ends (IETF draft RateLimit header fields).', schema: { type: 'string' } },
  'RateLimit-Policy': { description: 'The limit and the window, in seconds.', schema: { type: 'string' } },
};

const problemHeaders: Partial<Record<ProblemCode, JsonObject>> = {
  'too-many-requests': { ...rateLimitHeaders, 'Retry-After': { description: 'Seconds to wait before asking again.', schema: { type: 'string' } } },
  unauthorised: { 'WWW-Authenticate': { description: 'The Bearer challenge (RFC 6750), saying why the token was refused.', schema: { type: 'string' } } },
  forbidden: { 'WWW-Authenticate': { description: 'For a read-only token: the Bearer challenge with error="insufficient_scope" (RFC 6750).', schema: { type: 'string' } } },
};

function responses(operation: ApiOperation): JsonObject {
  const answers: Record<string, JsonObject> = {};
  if (operation.download) {
    answers['200'] = {
      description: 'The file, as an attachment.',
      headers: { 'Content-Disposition': { description: 'attachment, with the file’s name (RFC 6266).', schema: { type: 'string' } } },
      content: { 'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } },
    };
    answers['303'] = {
      description: 'When files are kept in S3: a short-lived signed link to the file.',
      headers: { Location: { description: 'The signed link.', schema: { type: 'string' } } },
    };
  } else if (operation.method && operation.method !== 'get') {
    answers[operation.created ? '201' : '200'] = {
      description: operation.created ? `Done: the material as it now is. Location: ${operation.path === '/materials' ? 'its address' : 'the new version’s download'}.` : 'Done: the material as it now is.',
      headers: { ...(operation.created ? { Location: { description: 'Where the new thing is.', schema: { type: 'string' } } } : {}), ...rateLimitHeaders },
      content: { 'application/json': { schema: ref(schemaId(operation.response, operation.operationId)) } },
    };
  } else {
    const id = schemaId(operation.response, operation.operationId);
    answers['200'] = {
      description: operation.summary,
      headers: { ETag: { description: 'When the answer is not personal: ask again with If-None-Match for a 304.', schema: { type: 'string' } }, ...rateLimitHeaders },
      content: { 'application/json': { schema: ref(id) } },
    };
    answers['304'] = { description: 'Not modified: the answer has the ETag sent in If-None-Match.' };
  }
  const codes: ProblemCode[] = ['bad-request', 'unauthorised', ...operation.problems, 'too-many-requests', 'server-error'];
  for (const code of [...new Set(codes)]) {
    const [status, answer] = problem(code);
    answers[status] = answer;
  }
  return answers;
}

function schemaId(schema: z.ZodType | undefined, operationId: string): string {
  const id = schema ? apiSchemas.get(schema)?.id : undefined;
  if (!id) throw new Error(`${operationId}: its schema has no name in the registry`);
  return id;
}

/** A write's body (generated from the zod schema that checks it) and who may make it: read and write tokens only. */
function writeParts(operation: ApiOperation): JsonObject {
  if (!operation.method || operation.method === 'get') return {};
  const body = operation.requestBody;
  if (!body) throw new Error(`${operation.operationId}: a write without a request body`);
  return {
    security: [{ bearerToken: ['read-write'] }],
    requestBody: {
      required: body.optional !== true,
      content: {
        [body.contentType]: {
          schema: ref(schemaId(body.schema, operation.operationId)),
          ...(body.contentType === 'multipart/form-data' ? { encoding: { file: { contentType: 'application/octet-stream' } } } : {}),
        },
      },
    },
  };
}

/**
 * The OpenAPI 3.1 document of API v1, generated from the operations (lib/api/operations) and the
 * named zod schemas (lib/api/schemas): the objects that check every request and shape every answer.
 * `site` is the hub's address (siteAddress()), for `servers`.
 */
export function openApiDocument(site: string): JsonObject & { openapi: string } {
  const operations = apiOperations();
  const generated = z.toJSONSchema(apiSchemas, { uri: (id) => `#/components/schemas/${id}` }) as { schemas: Record<string, JsonObject> };
  const schemas = Object.fromEntries(Object.entries(generated.schemas).map(([id, schema]) => [id, withoutDialect(schema)]));
  const paths: Record<string, JsonObject> = {};
  for (const operation of operations) {
    paths[operation.path] = {
      ...paths[operation.path],
      [operation.method ?? 'get']: {
        operationId: operation.operationId,
        tags: [operation.tag],
        summary: operation.summary,
        description: operation.description,
        parameters: parameters(operation),
        ...writeParts(operation),
        responses: responses(operation),
      },
    };
  }
  return {
    openapi: '3.1.1',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Discovery Commons API',
      version: '1.0.0',
      summary: 'Read the hub’s materials, vocabularies, councils, commitments, projects and kits as data, and share and change materials.',
      description:
        'Reads: requests without a token or session see what anyone may see. A personal API token (made on your account page, sent as `Authorization: Bearer <token>`, never in the web address) or a session cookie (a browser signed in to the hub) sees what that person sees on the pages, with their membership as it is at that moment. Writes (sharing, changing, replacing, withdrawing and publishing materials) take a read and write token only, never the session cookie, and do what that person may do on the website. Errors are problem details (RFC 9457).',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: new URL(apiBasePath, site).href }],
    security: [{}, { bearerToken: [] }, { sessionCookie: [] }],
    tags: [...new Set(operations.map((o) => o.tag))].map((name) => ({ name, description: tagDescriptions[name] })),
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearerToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'dc_ followed by 43 characters',
          description: 'A personal API token, made on your account page (/account/api-tokens): read only or read and write, for at most a year, revocable. It acts as its person, with their live membership and role.',
        },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'next-auth.session-token', description: 'The hub’s own session, from signing in on the website.' },
      },
    },
  };
}
