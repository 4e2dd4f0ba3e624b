import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { visibleCommitmentsSql } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { queryRows } from '@/lib/db/query-rows';
import { single } from '@/lib/materials/material-access';
import type { Services } from '@/lib/services';
import { todayInLondon } from '@/lib/text/calendar-days';
import { commitmentStatusSql } from './commitment-status';
import { commitmentKinds, commitmentStatuses, type CommitmentKind, type CommitmentStatus } from './commitment-words';

export const commitmentsPageSize = 20;
const maxPage = 10_000;

/**
 * The filters of /commitments, from its GET form. Anything that is not one of the known values is
 * ignored (the list is then unfiltered by it), as a search form would: a GET form must never fail.
 */
export interface CommitmentFilters {
  status?: CommitmentStatus;
  /** A council's slug. */
  council?: string;
  kind?: CommitmentKind;
  page: number;
}

const filterSchema = z.object({
  status: z.enum(commitmentStatuses).optional().catch(undefined),
  council: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
    .max(100)
    .optional()
    .catch(undefined),
  kind: z.enum(commitmentKinds).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(maxPage).catch(1),
});

export function readCommitmentFilters(query: Record<string, unknown>): CommitmentFilters {
  return filterSchema.parse({
    status: single(query.status) || undefined,
    council: single(query.council) || undefined,
    kind: single(query.kind) || undefined,
    page: single(query.page) ?? 1,
  });
}

export interface CommitmentListItem {
  id: string;
  council: { slug: string; name: string };
  kind: CommitmentKind;
  phaseLabel: string | null;
  description: string;
  dueOn: string;
  status: CommitmentStatus;
}

export interface CommitmentList {
  items: CommitmentListItem[];
  /** How many match the filters. */
  total: number;
  /** Of those matching every filter but status: how many, and how many kept ("3 of 5 kept"). */
  counts: { total: number; kept: number };
  page: number;
  pageCount: number;
}

/**
 * Every commitment the viewer may see (visibleCommitmentsSql: the same rule as materials), filtered
 * and a page at a time, soonest date first. Statuses are worked out from today's date in London.
 */
export async function listCommitments(services: Services, viewer: Viewer, filters: CommitmentFilters, options: { now?: Date; pageSize?: number } = {}): Promise<CommitmentList> {
  const today = todayInLondon(options.now);
  const pageSize = options.pageSize ?? commitmentsPageSize;
  const status = commitmentStatusSql(today);
  const conditions: SQL[] = [visibleCommitmentsSql(viewer)];
  if (filters.council) conditions.push(sql`o.slug = ${filters.council}`);
  if (filters.kind) conditions.push(sql`c.kind = ${filters.kind}`);
  const where = sql.join(conditions, sql` AND `);
  const withStatus = filters.status ? sql`${where} AND ${status} = ${filters.status}` : where;

  const [counted] = await queryRows<{ total: number; kept: number; matching: number }>(
    services.db,
    sql`SELECT count(*)::int AS total,
               count(*) FILTER (WHERE ${status} = 'kept')::int AS kept,
               count(*) FILTER (WHERE ${filters.status ? sql`${status} = ${filters.status}` : sql`TRUE`})::int AS matching
        FROM commitments c JOIN organisations o ON o.id = c.organisation_id
        WHERE ${where}`,
  );
  const total = counted?.matching ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(filters.page, pageCount);

  const rows = await queryRows<{ id: string; slug: string; name: string; kind: CommitmentKind; phase_label: string | null; description: string; due_on: string | Date; status: CommitmentStatus }>(
    services.db,
    sql`SELECT c.id, o.slug, o.name, c.kind, p.label AS phase_label, c.description, c.due_on::text AS due_on, ${status} AS status
        FROM commitments c
        JOIN organisations o ON o.id = c.organisation_id
        LEFT JOIN phases p ON p.slug = c.phase
        WHERE ${withStatus}
        ORDER BY c.due_on ASC, c.created_at ASC, c.id ASC
        LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
  );
  return {
    items: rows.map((row) => ({
      id: row.id,
      council: { slug: row.slug, name: row.name },
      kind: row.kind,
      phaseLabel: row.phase_label,
      description: row.description,
      dueOn: String(row.due_on),
      status: row.status,
    })),
    total,
    counts: { total: counted?.total ?? 0, kept: counted?.kept ?? 0 },
    page,
    pageCount,
  };
}
