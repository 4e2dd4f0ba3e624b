import 'server-only';
import { z } from 'zod';
import type { Visibility } from '@/lib/auth/viewer';
import { countDownloadQuietly } from '@/lib/http/count-download';
import { kitZipResponse } from '@/lib/http/kit-zip-response';
import { getKit } from '@/lib/kits/get-kit';
import { listKits } from '@/lib/kits/list-kits';
import { openKitZip } from '@/lib/kits/open-kit-zip';
import { siteAddress } from '@/lib/open-data/site-address';
import { defineOperation, type ApiContext } from '../api-operation';
import { cursorParam, readListCursor } from '../cursor';
import { ApiProblem } from '../problem';
import { limitParam } from '../schemas/common';
import { kit, kitList } from '../schemas/kit';

/**
 * Discovery kits (lib/kits): the same list, page and zip as /kits, through the same domain functions
 * (listKits, getKit, openKitZip). What is inside a kit is decided by each material, for this viewer.
 */

// What the kit's page says when there is none, or the viewer may not see it.
const notFound = 'Page not found';
const defaultLimit = 20;
const maxLimit = 100;

const listQuery = { limit: limitParam(defaultLimit, maxLimit), cursor: cursorParam.optional() };

export const listKitsOperation = defineOperation({
  operationId: 'listKits',
  path: '/kits',
  tag: 'Kits',
  summary: 'Discovery kits',
  description: 'Every kit the viewer may see, the hub’s starter kits first, as /kits lists them. Each counts only the materials the viewer may see.',
  params: {},
  query: listQuery,
  response: kitList,
  problems: [],
});

export async function answerKits({ services, viewer, url, query }: ApiContext<Record<string, never>, typeof listQuery>) {
  const limit = query.limit ?? defaultLimit;
  const cursor = readListCursor(url, query.cursor);
  const offset = cursor.offset;
  // One more than the page, to know whether there is a next page without counting them all.
  const found = await listKits(services, viewer, { limit: limit + 1, offset });
  const { next, nextUrl } = cursor.nextPage(found.length > limit ? offset + limit : null, '/api/v1/kits');
  return {
    body: {
      results: found.slice(0, limit).map((item) => ({ ...item, updatedAt: item.updatedAt.toISOString(), url: `/kits/${item.id}`, apiUrl: `/api/v1/kits/${item.id}` })),
      next,
      nextUrl,
    },
  };
}

const idParams = { id: z.uuid().describe('The kit’s id.') };

export const getKitOperation = defineOperation({
  operationId: 'getKit',
  path: '/kits/{id}',
  tag: 'Kits',
  summary: 'One kit, with its materials in order and their notes',
  description: 'What the kit’s page shows the viewer: only the materials they may see. Anyone who may not see the kit gets 404.',
  params: idParams,
  query: {},
  response: kit,
  notFound,
  problems: ['not-found'],
});

export async function answerKit({ services, viewer, params }: ApiContext<typeof idParams, Record<string, never>>) {
  const view = await getKit(services, viewer, params.id);
  if (!view) throw new ApiProblem('not-found', notFound);
  return {
    body: {
      id: view.id,
      title: view.title,
      description: view.description,
      // The stored column is text; the response schema checks it is one of the three.
      visibility: view.visibility as Visibility,
      council: view.council,
      createdAt: view.createdAt.toISOString(),
      updatedAt: view.updatedAt.toISOString(),
      items: view.items.map((item) => ({
        material: { id: item.materialId, title: item.title, summary: item.summary, apiUrl: `/api/v1/materials/${item.materialId}` },
        note: item.note,
        council: item.council,
        licence: item.licence,
        fileName: item.fileName,
        sizeBytes: item.sizeBytes,
      })),
      fileCount: view.fileCount,
      totalBytes: view.totalBytes,
      url: `/kits/${view.id}`,
      downloadUrl: `/api/v1/kits/${view.id}/download`,
    },
  };
}

export const downloadKitOperation = defineOperation({
  operationId: 'downloadKit',
  path: '/kits/{id}/download',
  tag: 'Kits',
  summary: 'Download a kit as one zip',
  description:
    'The page’s “Download all”: one zip of the files the viewer may see, in the kit’s order, with README.txt and attribution.csv, streamed as an attachment (`nosniff` and a sandboxing CSP). Each file counts as a download of its material.',
  params: idParams,
  query: {},
  download: true,
  notFound,
  problems: ['not-found'],
});

/** The page's zip, reused whole: the same check and contents (openKitZip), count and response. */
export async function answerKitDownload({ services, viewer, params, request }: ApiContext<typeof idParams, Record<string, never>>) {
  const zip = await openKitZip(services, viewer, params.id, { hubUrl: siteAddress() });
  if (!zip) throw new ApiProblem('not-found', notFound);
  for (const materialId of zip.materialIds) countDownloadQuietly(services, viewer, materialId, request);
  return kitZipResponse(zip);
}
