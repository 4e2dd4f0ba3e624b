import 'server-only';
import { publishMaterial } from '@/lib/file-checks/publish-material';
import { ValidationError } from '@/lib/errors';
import { receiveReplacementFile } from '@/lib/http/replace-upload';
import { receiveSharedUpload } from '@/lib/http/share-upload';
import { tooLargeMessage } from '@/lib/materials/store-file';
import { updateMaterial } from '@/lib/materials/update-material';
import { withdrawMaterial } from '@/lib/materials/withdraw-material';
import type { Services } from '@/lib/services';
import { defineOperation, type ApiContext } from '../api-operation';
import type { ApiWriteAnswer } from '../api-write-route';
import { ApiProblem } from '../problem';
import { parseMultipartFields, readJsonBody, requireMultipart } from '../request-body';
import { material } from '../schemas/material';
import { materialChanges, newMaterial, newMaterialFields, newVersion, newVersionFields, publication, withdrawal } from '../schemas/material-writes';
import { idParams, materialBody } from './materials';

/**
 * The API's writes to materials. Each calls the function the website's form calls (createMaterial
 * through receiveSharedUpload, updateMaterial, replaceMaterialFile through receiveReplacementFile,
 * withdrawMaterial, publishMaterial): the same permission check, the same validation and messages,
 * the same all-or-nothing storage, the same draft-and-check flow. Only the way in (a read and write
 * token, a strict body) and the way out (the material as GET /materials/{id} shows it) are the API's.
 *
 * Why these addresses and methods:
 * - a new file is POST /materials/{id}/versions, not PUT …/file: it makes the next version (the old
 *   ones are kept and downloadable at /materials/{id}/versions/{n}/download), so it is neither
 *   idempotent nor a replacement of the thing at that address, which is what PUT means;
 * - withdrawing is POST /materials/{id}/withdraw, not DELETE: nothing is deleted (its council can
 *   still see and restore it), it takes a reason (a body DELETE does not define), and DELETE is kept
 *   for a real deletion, which only site administrators may do, on the website.
 */

const notFound = 'Material not found';
const noParams = {};
const writeProblems = ['forbidden', 'not-found', 'unsupported-media-type', 'payload-too-large', 'invalid-body'] as const;
const fileProblems = [...writeProblems, 'unavailable'] as const;
const tokenWords = 'Needs a read and write API token in the Authorization header (the website’s cookie is not accepted).';

export const createMaterialOperation = defineOperation({
  operationId: 'createMaterial',
  method: 'post',
  path: '/materials',
  tag: 'Materials',
  summary: 'Share a material',
  description: `Shares a material with its file, as the website’s share form does: the same checks of the details and the file (format by name and content, size limit), for your council. It is shared as a draft, seen only by your council, while its file is checked; publish it once the check is done (POST /materials/{id}/publish). Answers 201 with the material and its address in Location. Nothing is kept from a refused request: no material without its file, no file without its material. ${tokenWords}`,
  params: noParams,
  query: {},
  requestBody: { contentType: 'multipart/form-data', schema: newMaterial },
  response: material,
  created: true,
  notFound,
  problems: fileProblems.filter((code) => code !== 'not-found'),
});

export const changeMaterialOperation = defineOperation({
  operationId: 'changeMaterial',
  method: 'patch',
  path: '/materials/{id}',
  tag: 'Materials',
  summary: 'Change a material’s details',
  description: `Changes the details given (title, summary, phases, type, kind, service areas, tags, licence, who can see it, project), checked as the website’s edit form checks them; the rest stay as they are. Members of the material’s council and site administrators only: 403 for someone who may see it but not change it, 404 for someone who may not see it. Answers with the material. ${tokenWords}`,
  params: idParams,
  query: {},
  requestBody: { contentType: 'application/json', schema: materialChanges },
  response: material,
  notFound,
  problems: [...writeProblems],
});

export const addVersionOperation = defineOperation({
  operationId: 'addMaterialVersion',
  method: 'post',
  path: '/materials/{id}/versions',
  tag: 'Materials',
  summary: 'Replace a material’s file',
  description: `Uploads a new file as the material’s next version, with a note of what has changed, as the website’s replace form does. Earlier versions are kept. The material is a draft again while the new file is checked: publish it once the check is done. Answers 201 with the material; Location is the new version’s download. ${tokenWords}`,
  params: idParams,
  query: {},
  requestBody: { contentType: 'multipart/form-data', schema: newVersion },
  response: material,
  created: true,
  notFound,
  problems: [...fileProblems],
});

export const withdrawMaterialOperation = defineOperation({
  operationId: 'withdrawMaterial',
  method: 'post',
  path: '/materials/{id}/withdraw',
  tag: 'Materials',
  summary: 'Withdraw a material',
  description: `Withdraws a material, with a reason, as the website’s withdraw form does: it leaves search and lists at once, and only its council and site administrators can still see it (and restore it, on the website). Nothing is deleted. Withdrawing a withdrawn material changes nothing. Answers with the material. ${tokenWords}`,
  params: idParams,
  query: {},
  requestBody: { contentType: 'application/json', schema: withdrawal },
  response: material,
  notFound,
  problems: [...writeProblems],
});

export const publishMaterialOperation = defineOperation({
  operationId: 'publishMaterial',
  method: 'post',
  path: '/materials/{id}/publish',
  tag: 'Materials',
  summary: 'Publish a draft',
  description: `Publishes a draft once the check of its file is done, as the check page’s Publish button does: refused while the check is still running, with a reason when it found something, and with acknowledged when your council asks for it. Publishing a published material changes nothing; a withdrawn one is restored on the website instead (409). ${tokenWords}`,
  params: idParams,
  query: {},
  requestBody: { contentType: 'application/json', schema: publication, optional: true },
  response: material,
  notFound,
  problems: [...writeProblems, 'conflict'],
});

type Context = ApiContext<typeof idParams, Record<string, never>>;
type Answer = Promise<ApiWriteAnswer<typeof material>>;

/** A file over the upload limit is refused by the domain as a problem with the file; to a program, 413. */
function asTooLarge(error: unknown, services: Services): unknown {
  const message = tooLargeMessage(services.maxUploadBytes);
  if (error instanceof ValidationError && error.fieldErrors.some((e) => e.field === 'file' && e.message === message)) {
    return new ApiProblem('payload-too-large', message, error.fieldErrors.map(({ field, message: m }) => ({ parameter: field, message: m })));
  }
  return error;
}

export async function answerCreateMaterial({ request, services, viewer }: ApiContext<typeof noParams, Record<string, never>>): Answer {
  requireMultipart(request, services.maxUploadBytes);
  const created = await receiveSharedUpload(services, request, viewer, { checkAnswers: (answers) => parseMultipartFields(newMaterialFields, answers) }).catch(
    (error: unknown) => {
      throw asTooLarge(error, services);
    },
  );
  return { body: await materialBody(services, viewer, created.id), location: `/api/v1/materials/${created.id}` };
}

export async function answerChangeMaterial({ request, services, viewer, params }: Context): Answer {
  const { project, ...changes } = await readJsonBody(request, materialChanges);
  // The form's "no project" is an empty answer; the API's is null.
  const fields = project === undefined ? changes : { ...changes, project: project ?? '' };
  await updateMaterial(services, viewer, params.id, fields, { keepUnsent: true });
  return { body: await materialBody(services, viewer, params.id) };
}

export async function answerAddVersion({ request, services, viewer, params }: Context): Answer {
  requireMultipart(request, services.maxUploadBytes);
  const replaced = await receiveReplacementFile(services, request, viewer, params.id, { checkAnswers: (answers) => parseMultipartFields(newVersionFields, answers) }).catch(
    (error: unknown) => {
      throw asTooLarge(error, services);
    },
  );
  return { body: await materialBody(services, viewer, replaced.id), location: `/api/v1/materials/${replaced.id}/versions/${replaced.versionNumber}/download` };
}

export async function answerWithdrawMaterial({ request, services, viewer, params }: Context): Answer {
  const body = await readJsonBody(request, withdrawal);
  await withdrawMaterial(services, viewer, params.id, body);
  return { body: await materialBody(services, viewer, params.id) };
}

export async function answerPublishMaterial({ request, services, viewer, params }: Context): Answer {
  const body = await readJsonBody(request, publication, { optional: true });
  await publishMaterial(services, viewer, params.id, { reason: body.reason ?? '', acknowledged: body.acknowledged ? 'yes' : '' });
  return { body: await materialBody(services, viewer, params.id) };
}

/** The writes, in the order the document lists them (after the reads). */
export const materialWriteOperations = [createMaterialOperation, changeMaterialOperation, addVersionOperation, withdrawMaterialOperation, publishMaterialOperation];
