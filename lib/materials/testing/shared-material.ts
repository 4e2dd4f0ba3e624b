import { Readable } from 'node:stream';
import type { Viewer, Visibility } from '@/lib/auth/viewer';
import { checkThenPublish } from '@/lib/file-checks/testing/publish-after-check';
import { createMaterial } from '@/lib/materials/create-material';
import type { TestHub } from '@/lib/testing/test-hub';

/** The share form's answers for a small discussion guide, as a person would fill them in. */
export const discussionGuideAnswers = {
  title: 'Bin collections discussion guide',
  summary: 'Questions we asked residents.',
  phases: 'discovery',
  artefactType: 'discussion-guide',
  kind: 'template',
  tags: 'interviews',
  licence: 'OGL-UK-3.0',
  visibility: 'public',
};

/**
 * Shares that guide as `member` (a file holding "Version one") and publishes it after its check. The
 * same file every time: shared anyway, as a person may after the duplicate warning.
 */
export async function shareDiscussionGuide(hub: TestHub, member: Viewer, visibility: Visibility = 'public'): Promise<string> {
  const { id } = await createMaterial(hub.services, {
    actor: member,
    fields: { ...discussionGuideAnswers, visibility, shareAnyway: 'yes' },
    file: { fileName: 'guide.txt', stream: Readable.from([Buffer.from('Version one')]) },
  });
  await checkThenPublish(hub.services, member, id);
  return id;
}
