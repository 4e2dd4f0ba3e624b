import 'server-only';
import { z } from 'zod';
import type { Viewer, Visibility } from '@/lib/auth/viewer';
import { countDownloadQuietly } from '@/lib/http/count-download';
import { downloadResponse } from '@/lib/http/download-response';
import { getMaterial } from '@/lib/materials/get-material';
import { listMaterialVersions } from '@/lib/materials/list-material-versions';
import { openDownload, openVersionDownload } from '@/lib/materials/open-download';
import type { Services } from '@/lib/services';
import { defineOperation, type ApiContext } from '../api-operation';
import { ApiProblem } from '../problem';
import { material } from '../schemas/material';

const notFound = 'Material not found';
export const idParams = { id: z.uuid().describe('The material’s id.') };
const versionParams = { ...idParams, version: z.string().regex(/^[1-9][0-9]{0,8}$/).describe('The version number: 1 for the first file.') };

export const getMaterialOperation = defineOperation({
  operationId: 'getMaterial',
  path: '/materials/{id}',
  tag: 'Materials',
  summary: 'A material, with its file versions',
  description: 'Everything the material’s page shows, for a viewer who may see it. Anyone else gets 404, whether or not it exists.',
  params: idParams,
  query: {},
  response: material,
  notFound,
  problems: ['not-found'],
});

export async function answerMaterial({ services, viewer, params }: ApiContext<typeof idParams, Record<string, never>>) {
  return { body: await materialBody(services, viewer, params.id) };
}

/** A material as GET /materials/{id} shows it to `viewer` (the writes answer with it too). */
export async function materialBody(services: Services, viewer: Viewer, id: string) {
  const detail = await getMaterial(services, viewer, id);
  if (!detail) throw new ApiProblem('not-found', notFound);
  const versions = await listMaterialVersions(services, viewer, id);
  const base = `/api/v1/materials/${detail.id}`;
  return {
    ...detail,
    // The stored column is text; the response schema checks it is one of the three.
    visibility: detail.visibility as Visibility,
    file: { ...detail.file, downloadUrl: `${base}/download` },
    versions: versions.map((v) => ({ ...v, downloadUrl: `${base}/versions/${v.versionNumber}/download` })),
    url: `/materials/${detail.id}`,
  };
}

const downloadDescription =
  'The file, with the same permission check as the page’s Download button: 200 with the file as an attachment (a server-chosen content type, `nosniff` and a sandboxing CSP), or 303 to a short-lived signed link when files are kept in S3.';

export const downloadMaterialOperation = defineOperation({
  operationId: 'downloadMaterial',
  path: '/materials/{id}/download',
  tag: 'Materials',
  summary: 'Download a material’s current file',
  description: downloadDescription,
  params: idParams,
  query: {},
  download: true,
  notFound,
  problems: ['not-found'],
});

export const downloadVersionOperation = defineOperation({
  operationId: 'downloadMaterialVersion',
  path: '/materials/{id}/versions/{version}/download',
  tag: 'Materials',
  summary: 'Download one version of a material’s file',
  description: `${downloadDescription} Older versions follow the material’s permissions.`,
  params: versionParams,
  query: {},
  download: true,
  notFound,
  problems: ['not-found'],
});

/** The page's download, reused whole: the same check (openDownload), count and response. */
export async function answerDownload({ services, viewer, params, request }: ApiContext<typeof idParams | typeof versionParams, Record<string, never>>) {
  const download = 'version' in params ? await openVersionDownload(services, viewer, params.id, params.version) : await openDownload(services, viewer, params.id);
  if (!download) throw new ApiProblem('not-found', notFound);
  countDownloadQuietly(services, viewer, params.id, request);
  return downloadResponse(download);
}
