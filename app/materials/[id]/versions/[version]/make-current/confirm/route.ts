import { checkSoon } from '@/lib/file-checks/check-version';
import { formRoute } from '@/lib/http/form-route';
import { seeOther } from '@/lib/http/responses';
import { materialVersionParams } from '@/lib/http/route-params';
import { makeVersionCurrent } from '@/lib/materials/make-version-current';

export const dynamic = 'force-dynamic';

/**
 * "Make this the current version" posts here. makeVersionCurrent checks who may, and adds the old
 * version's file as a new one; then, exactly as after a replacement, the new version is checked and
 * its uploader is sent to the check page to publish it.
 */
export const POST = formRoute(
  {
    params: materialVersionParams,
    page: ({ id, version }) => `/materials/${id}/versions/${version}/make-current`,
    attempt: { form: 'make-current', subject: ({ id, version }) => `${id}/${version}` },
  },
  async ({ params: { id, version }, fields, viewer, hub }) => {
    const result = await makeVersionCurrent(hub, viewer, id, version, fields);
    await checkSoon(hub, { id: result.versionId, sizeBytes: result.sizeBytes });
    return seeOther(`/materials/${result.id}/check?replaced=${result.versionNumber}`);
  },
);
