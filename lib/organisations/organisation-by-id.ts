import 'server-only';
import { eq } from 'drizzle-orm';
import type { Database } from '@/lib/db/client';
import { organisations } from '@/lib/db/schema';
import type { OrganisationRow } from './organisation-common';

/** An organisation by its id (taken from the live viewer or a stored row, never from a request). */
export async function findOrganisationById(db: Pick<Database, 'select'>, id: string): Promise<OrganisationRow | undefined> {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, id));
  return row;
}
