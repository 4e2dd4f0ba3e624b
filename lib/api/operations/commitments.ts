import 'server-only';
import { z } from 'zod';
import type { Visibility } from '@/lib/auth/viewer';
import { commitmentKinds, commitmentStatuses } from '@/lib/commitments/commitment-words';
import { getCommitment } from '@/lib/commitments/get-commitment';
import { listCommitments } from '@/lib/commitments/list-commitments';
import { defineOperation, type ApiContext } from '../api-operation';
import { cursorParam, pageNumberAt, readListCursor } from '../cursor';
import { ApiProblem } from '../problem';
import { limitParam, slug } from '../schemas/common';
import { commitment, commitmentList } from '../schemas/commitment';

/** Councils' public commitments (lib/commitments): the same lists and rules as /commitments. */

// What the commitment's page says when there is none, or the viewer may not see it.
const notFound = 'Page not found';
const defaultLimit = 20;
const maxLimit = 100;

const listQuery = {
  status: z.enum(commitmentStatuses, { error: `Give status as ${commitmentStatuses.join(', ')}.` }).optional(),
  kind: z.enum(commitmentKinds, { error: `Give kind as ${commitmentKinds.join(', ')}.` }).optional(),
  council: slug.max(100, { error: 'Use a council from /api/v1/councils for council.' }).optional().describe('A council’s slug.'),
  limit: limitParam(defaultLimit, maxLimit),
  cursor: cursorParam.optional(),
};

export const listCommitmentsOperation = defineOperation({
  operationId: 'listCommitments',
  path: '/commitments',
  tag: 'Commitments',
  summary: 'Councils’ commitments',
  description: 'Every commitment the viewer may see, soonest date first, as /commitments lists them.',
  params: {},
  query: listQuery,
  response: commitmentList,
  problems: [],
});

export async function answerCommitments({ services, viewer, url, query }: ApiContext<Record<string, never>, typeof listQuery>) {
  const limit = query.limit ?? defaultLimit;
  const cursor = readListCursor(url, query.cursor);
  const page = pageNumberAt(cursor.offset, limit);
  const list = await listCommitments(services, viewer, { status: query.status, kind: query.kind, council: query.council, page }, { pageSize: limit });
  const { next, nextUrl } = cursor.nextPage(list.page === page && page < list.pageCount ? page * limit : null, '/api/v1/commitments');
  return {
    body: {
      total: list.total,
      counts: list.counts,
      // listCommitments brings a page past the end back to the last one; the API gives it empty instead.
      results: (list.page === page ? list.items : []).map((item) => ({ ...item, url: `/commitments/${item.id}`, apiUrl: `/api/v1/commitments/${item.id}` })),
      next,
      nextUrl,
    },
  };
}

const idParams = { id: z.uuid().describe('The commitment’s id.') };

export const getCommitmentOperation = defineOperation({
  operationId: 'getCommitment',
  path: '/commitments/{id}',
  tag: 'Commitments',
  summary: 'One commitment, with its evidence and history',
  description: 'What the commitment’s page shows the viewer. Anyone who may not see it gets 404.',
  params: idParams,
  query: {},
  response: commitment,
  notFound,
  problems: ['not-found'],
});

export async function answerCommitment({ services, viewer, params }: ApiContext<typeof idParams, Record<string, never>>) {
  const view = await getCommitment(services, viewer, params.id);
  if (!view) throw new ApiProblem('not-found', notFound);
  const { contactUserId: _internal, can: _can, ...shown } = view;
  return {
    body: {
      ...shown,
      visibility: view.visibility as Visibility,
      confirmedAt: view.confirmedAt?.toISOString() ?? null,
      evidence: view.evidence.map((item) => {
        const addedAt = item.addedAt.toISOString();
        switch (item.kind) {
          case 'material':
            return { ...item, material: { ...item.material, apiUrl: `/api/v1/materials/${item.material.id}` }, addedAt };
          // No projects in the API yet: the project's page.
          case 'project':
            return { ...item, project: { ...item.project, url: `/projects/${item.project.id}` }, addedAt };
          case 'link':
            return { ...item, addedAt };
        }
      }),
      history: view.history.map((entry) => ({ ...entry, at: entry.at.toISOString() })),
      url: `/commitments/${view.id}`,
    },
  };
}
