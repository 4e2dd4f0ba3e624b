import 'server-only';
import { z } from 'zod';
import { siteAddress } from '@/lib/open-data/site-address';
import { defineOperation } from '../api-operation';
import { openApiDocument } from '../openapi-document';
import { named } from '../schemas/registry';

const openApiBody = named('OpenApiDocument', z.looseObject({ openapi: z.string() }).describe('This document (OpenAPI 3.1).'));

export const openApiOperation = defineOperation({
  operationId: 'getOpenApiDocument',
  path: '/openapi.json',
  tag: 'About the API',
  summary: 'This API, described in OpenAPI 3.1',
  description: 'Generated from the same schemas that check requests and shape answers. A readable version is at /developers.',
  params: {},
  query: {},
  response: openApiBody,
  problems: [],
});

export async function answerOpenApi() {
  return { body: openApiDocument(siteAddress()), sameForEveryone: true };
}
