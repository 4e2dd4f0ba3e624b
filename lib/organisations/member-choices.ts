import 'server-only';
import { asc, eq, sql } from 'drizzle-orm';
import { users } from '@/lib/db/schema';
import type { Choice } from '@/lib/forms/choice';
import type { Services } from '@/lib/services';
import { displayName } from '@/lib/text/display-name';

/**
 * A council's members as form choices, by name (the contact of a project or a commitment). Callers
 * decide first whether the viewer may use the form: this only lists.
 */
export async function memberChoices(services: Services, organisationId: string): Promise<Choice[]> {
  const rows = await services.db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(eq(users.organisationId, organisationId))
    .orderBy(sql`lower(coalesce(${users.name}, ''))`, asc(users.id));
  return rows.map((row) => ({ value: row.id, label: displayName(row.name) }));
}
