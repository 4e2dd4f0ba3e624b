import 'server-only';
import { eq } from 'drizzle-orm';
import { adaptDecision } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/viewer';
import type { Queryable } from '@/lib/db/transaction';
import { materials } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import { licenceTerms } from '@/lib/auth/licence-terms';
import { isUuid } from '@/lib/text/uuid';

/** What sharing an adaptation needs to know about its source. */
export interface AdaptationSource {
  id: string;
  licence: string;
  organisationId: string | null;
}

/**
 * The material an adaptation is made from, when `actor` may adapt it (lib/auth/permissions/adapt.ts),
 * else a refusal: 404 when the actor may not see it (as for any material they may not see), 403 when
 * its licence does not allow changed versions, 401 / 403 for someone signed out or in no council.
 * Called before the file is stored and again inside the transaction that records the adaptation.
 */
export async function adaptationSource(db: Queryable, actor: Actor, id: string): Promise<AdaptationSource> {
  const [row] = isUuid(id)
    ? await db
        .select({ id: materials.id, licence: materials.licence, organisationId: materials.organisationId, status: materials.status, visibility: materials.visibility })
        .from(materials)
        .where(eq(materials.id, id))
    : [];
  const decision = row ? adaptDecision(actor, row) : 'not-found';
  if (decision === 'allowed' && row) return { id: row.id, licence: row.licence, organisationId: row.organisationId };
  switch (decision) {
    case 'sign-in':
      throw new AppError('unauthenticated', 'Sign in to adapt a material.');
    case 'join-first':
      throw new AppError('forbidden', 'Only members of a council or public body can adapt materials. Ask to join yours first.');
    case 'licence':
      throw new AppError('forbidden', 'The licence of this material does not allow changed versions. Ask the council that shared it.');
    default:
      throw new AppError('not_found', 'Material not found');
  }
}

/** A share-alike source (CC BY-SA) asks that the adaptation carry the same licence. */
export function licenceErrorFor(source: AdaptationSource, chosenLicence: string): string | null {
  if (!licenceTerms(source.licence).shareAlike || chosenLicence === source.licence) return null;
  return 'The material you are adapting is shared alike: choose the same licence as the original';
}
