import 'server-only';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { canMakeKit } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { kits } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import type { Services } from '@/lib/services';
import { kitAuditView, requireSignedIn } from './kit-access';
import { readKitAnswers } from './kit-input';

/**
 * Makes a kit on behalf of the viewer's own council (canMakeKit): any member may, and its council's
 * members may then change it. Starts empty; materials are added from the kit page or a material's
 * page. Audited as 'kit.made' in the council's log.
 */
export async function makeKit(services: Services, viewer: Viewer, fields: Record<string, unknown>): Promise<{ id: string }> {
  const user = requireSignedIn(viewer, 'make a kit');
  const organisation = user.organisation;
  if (!organisation || !canMakeKit(user)) throw new AppError('forbidden', 'Only members of a council can make a kit. Join your council first.');
  const answers = readKitAnswers(fields);
  return services.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(kits)
      .values({ ...answers, organisationId: organisation.id, createdBy: user.userId })
      .returning({ id: kits.id });
    await recordAuditEvent(tx, user, { action: 'kit.made', subjectType: 'kit', subjectId: row!.id, organisationId: organisation.id, after: kitAuditView(answers) });
    return { id: row!.id };
  });
}
