import 'server-only';
import { count, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { canReadAuditLog } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { auditEvents } from '@/lib/db/schema';
import type { Services } from '@/lib/services';
import { formatDateTime } from '@/lib/text/dates';
import { withoutEmailAddresses } from '@/lib/text/display-name';
import {
  forbidden,
  organisationOrNotFound,
  organisationTypeLabels,
  requireSignedIn,
  roleLabels,
  summaryOf,
  type OrganisationSummary,
} from './organisation-common';

export const auditPageSize = 25;
const maxPage = 10_000;

/** One line of the log, ready to show. */
export interface AuditEventEntry {
  id: string;
  at: string;
  /** As stored when it happened ("Sam Jones, Bristol City Council"), kept if the person goes. */
  actor: string;
  action: string;
  actionLabel: string;
  subjectType: string;
  /** Values the same before and after, that say what the change was about ("Member: Sam Jones"). */
  context: { label: string; value: string }[];
  /** What changed: each field's value before and after. */
  changes: { label: string; before: string; after: string }[];
}

export interface AuditLogPage {
  organisation: OrganisationSummary | null;
  events: AuditEventEntry[];
  page: number;
  pageCount: number;
  total: number;
}

const querySchema = z.object({
  page: z.coerce.number().int().min(1).max(maxPage).catch(1).default(1),
});

/**
 * The audit log, newest first, a page at a time. With an organisation: its own log, for its admins and
 * site admins. Without: the whole hub's, for site admins only.
 */
export async function listAuditEvents(
  services: Services,
  viewer: Viewer,
  query: { organisation?: unknown; page?: unknown },
): Promise<AuditLogPage> {
  requireSignedIn(viewer);
  const { page } = querySchema.parse({ page: query.page ?? 1 });
  const organisation = query.organisation === undefined ? null : await organisationOrNotFound(services.db, query.organisation);
  if (!canReadAuditLog(viewer, organisation?.id ?? null)) throw forbidden();

  const where = organisation ? eq(auditEvents.organisationId, organisation.id) : undefined;
  const [counted] = await services.db.select({ n: count() }).from(auditEvents).where(where);
  const total = Number(counted?.n ?? 0);
  const rows = await services.db
    .select()
    .from(auditEvents)
    .where(where)
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(auditPageSize)
    .offset((page - 1) * auditPageSize);
  return {
    organisation: organisation ? summaryOf(organisation) : null,
    events: rows.map(toEntry),
    page,
    pageCount: Math.max(1, Math.ceil(total / auditPageSize)),
    total,
  };
}

const actionLabels: Record<string, string> = {
  'join_request.created': 'Asked to join',
  'join_request.cancelled': 'Cancelled a request to join',
  'join_request.approved': 'Approved a request to join',
  'join_request.refused': 'Refused a request to join',
  'member.added': 'Added a member',
  'member.joined_by_email_domain': 'Joined by email domain',
  'member.removed': 'Removed a member',
  'member.role_changed': 'Changed a member’s role',
  'organisation.created': 'Added an organisation',
  'organisation.email_domains_changed': 'Changed the email domains',
  'material.created': 'Shared a material',
  'material.updated': 'Changed a material',
  'material.withdrawn': 'Withdrew a material',
  'material.restored': 'Restored a material',
  'material.deleted': 'Deleted a material',
  'material.file_replaced': 'Replaced a material’s file',
  'material.version_made_current': 'Made an earlier version of a material’s file current again',
  'material.tags_changed': 'Changed a material’s tags',
  'commitment.recorded': 'Recorded a commitment',
  'commitment.updated': 'Changed a commitment',
  'commitment.evidence_added': 'Added evidence to a commitment',
  'commitment.evidence_removed': 'Removed evidence from a commitment',
  'commitment.confirmed': 'Confirmed a commitment was kept',
  'commitment.withdrawn': 'Withdrew a commitment',
  'kit.made': 'Made a kit',
  'kit.updated': 'Changed a kit',
  'kit.deleted': 'Deleted a kit',
  'kit.item_added': 'Added a material to a kit',
  'kit.item_removed': 'Took a material out of a kit',
  'kit.item_moved': 'Changed the order of a kit',
  'kit.note_changed': 'Changed a note in a kit',
  'user.made_site_admin': 'Made a site admin',
  'user.accounts_unlinked_on_email_verification': 'Unlinked sign-in accounts when an email address was verified',
};

const fieldLabels: Record<string, string> = {
  emailDomains: 'Email domains',
  homepageUrl: 'Homepage',
  member: 'Member',
  requester: 'Requester',
  organisation: 'Organisation',
  role: 'Role',
  status: 'Status',
  message: 'Message',
  name: 'Name',
  type: 'Type',
  title: 'Title',
  summary: 'Summary',
  visibility: 'Visibility',
  phases: 'Phases',
  topics: 'Topics',
  tags: 'Tags',
  licence: 'Licence',
  artefactType: 'Type of material',
  kind: 'Kind',
  fileName: 'File name',
  format: 'Format',
  sizeBytes: 'Size in bytes',
  sha256: 'SHA-256',
  versionNumber: 'Version',
  changeNote: 'Change note',
  description: 'Description',
  note: 'Note',
  withdrawnReason: 'Reason for withdrawing',
  withdrawnAt: 'Withdrawn',
  isSiteAdmin: 'Site admin',
  accounts: 'Sign-in accounts',
};

const valueLabels: Record<string, Record<string, string>> = {
  role: roleLabels,
  type: organisationTypeLabels,
  status: { pending: 'Pending', approved: 'Approved', refused: 'Refused', cancelled: 'Cancelled', published: 'Published', withdrawn: 'Withdrawn' },
  visibility: { public: 'Anyone', councils: 'People from any council', organisation: 'Own organisation only' },
};

function toEntry(row: typeof auditEvents.$inferSelect): AuditEventEntry {
  const before = asRecord(row.before);
  const after = asRecord(row.after);
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const context: AuditEventEntry['context'] = [];
  const changes: AuditEventEntry['changes'] = [];
  for (const key of keys) {
    const was = show(key, before?.[key]);
    const now = show(key, after?.[key]);
    const label = fieldLabels[key] ?? humanise(key);
    if (before && after && was === now) context.push({ label, value: now });
    else changes.push({ label, before: before ? was : '', after: after ? now : '' });
  }
  return {
    id: row.id,
    at: row.createdAt.toISOString(),
    actor: withoutEmailAddresses(row.actorLabel),
    action: row.action,
    actionLabel: actionLabels[row.action] ?? humanise(row.action.replace(/\./g, ' ')),
    subjectType: row.subjectType,
    context,
    changes,
  };
}

function asRecord(value: unknown): Record<string, unknown> | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  return { value };
}

/** A stored value as text a person can read. Anything like an email address is hidden. */
function show(key: string, value: unknown): string {
  let text: string;
  if (value === null || value === undefined || value === '') text = 'None';
  else if (Array.isArray(value)) text = value.length ? value.map((v) => show(key, v)).join(', ') : 'None';
  else if (typeof value === 'boolean') text = value ? 'Yes' : 'No';
  else if (typeof value === 'string') text = valueLabels[key]?.[value] ?? (isoTimestamp.test(value) ? londonTime(value) : value);
  else if (typeof value === 'number') text = String(value);
  else
    text = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${fieldLabels[k] ?? humanise(k)}: ${show(k, v)}`)
      .join('; ');
  return withoutEmailAddresses(text.length > 500 ? `${text.slice(0, 497)}…` : text);
}

const isoTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
function londonTime(iso: string): string {
  return Number.isNaN(new Date(iso).getTime()) ? iso : formatDateTime(iso);
}

/** "emailDomains" or "email_domains" → "Email domains". */
function humanise(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
