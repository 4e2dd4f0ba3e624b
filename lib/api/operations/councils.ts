import 'server-only';
import { z } from 'zod';
import { findOrganisations } from '@/lib/organisations/find-organisations';
import { getOrganisation } from '@/lib/organisations/get-organisation';
import { defineOperation, type ApiContext } from '../api-operation';
import { cursorParam, readListCursor } from '../cursor';
import { ApiProblem } from '../problem';
import { limitParam, slug } from '../schemas/common';
import { council, councilList } from '../schemas/council';

/** Councils and other public bodies: public knowledge, the same lists as /organisations. */

// What the organisation's page says when there is none (app/organisations/[slug]/page.tsx).
const notFound = 'Page not found';
const defaultLimit = 100;
const maxLimit = 500;

const listQuery = {
  name: z.string().max(200, { error: 'Give name in 200 characters or fewer.' }).optional().describe('Words in the name (each must appear).'),
  type: z.enum(['council', 'public-body'], { error: 'Give type as council or public-body.' }).optional(),
  limit: limitParam(defaultLimit, maxLimit),
  cursor: cursorParam.optional(),
};

const links = (s: string) => ({ url: `/organisations/${s}`, apiUrl: `/api/v1/councils/${s}` });

export const listCouncilsOperation = defineOperation({
  operationId: 'listCouncils',
  path: '/councils',
  tag: 'Councils',
  summary: 'Councils and other public bodies',
  description: 'Every organisation on the hub, by name, as /organisations lists them.',
  params: {},
  query: listQuery,
  response: councilList,
  problems: [],
});

export async function answerCouncils({ services, viewer, url, query }: ApiContext<Record<string, never>, typeof listQuery>) {
  const limit = query.limit ?? defaultLimit;
  const cursor = readListCursor(url, query.cursor);
  const offset = cursor.offset;
  const found = await findOrganisations(services, viewer, { name: query.name, type: query.type });
  const page = found.organisations.slice(offset, offset + limit);
  const { next, nextUrl } = cursor.nextPage(offset + limit < found.organisations.length ? offset + limit : null, '/api/v1/councils');
  return {
    body: {
      total: found.organisations.length,
      results: page.map((o) => ({ ...o, ...links(o.slug) })),
      next,
      nextUrl,
    },
  };
}

const slugParams = { slug: slug.max(100).describe('The organisation’s slug, as in its page’s address.') };

export const getCouncilOperation = defineOperation({
  operationId: 'getCouncil',
  path: '/councils/{slug}',
  tag: 'Councils',
  summary: 'One council or public body',
  description: 'What its public page shows: no members and no email domains.',
  params: slugParams,
  query: {},
  response: council,
  notFound,
  problems: ['not-found'],
});

export async function answerCouncil({ services, viewer, params }: ApiContext<typeof slugParams, Record<string, never>>) {
  const profile = await getOrganisation(services, viewer, params.slug);
  if (!profile) throw new ApiProblem('not-found', notFound);
  return { body: { ...profile, ...links(profile.slug), materialsUrl: `/api/v1/search?council=${profile.slug}` } };
}
