import 'server-only';
import { eq, lt } from 'drizzle-orm';
import { z } from 'zod';
import type { Viewer } from '@/lib/auth/viewer';
import { formAttempts } from '@/lib/db/schema';
import type { FieldError } from '@/lib/errors';
import type { Services } from '@/lib/services';
import { isUuid } from '@/lib/text/uuid';

/**
 * The answers of a refused form, kept briefly so the form can be shown again with everything the
 * person typed and what to fix. Every form in the hub posts, with or without JavaScript, to a route
 * handler (lib/http/form-route.ts) that redirects back to the form with the attempt's id.
 *
 * An attempt is bound to the form, to what the form is about (a material's id, an organisation's slug,
 * or nothing) and to the person who made it: anyone else given the link, or another material's form,
 * sees the form as if there had been no attempt. Only each form's own fields are kept, each cut to a
 * length; files are never kept (they must be chosen again).
 */

export const formAttemptFields = {
  /** duplicateOf: the material that already has the same file (lib/materials/find-duplicate.ts). */
  share: ['title', 'summary', 'phases', 'artefactType', 'kind', 'topics', 'tags', 'council', 'licence', 'visibility', 'project', 'duplicateOf'],
  edit: ['title', 'summary', 'phases', 'artefactType', 'kind', 'topics', 'tags', 'licence', 'visibility', 'project'],
  /** "Adapt this for my council" (lib/adapt): the share form, for one source material. */
  adapt: ['title', 'summary', 'phases', 'artefactType', 'kind', 'topics', 'tags', 'council', 'licence', 'visibility', 'project', 'duplicateOf'],
  replace: ['changeNote'],
  /** "Make this the current version" (its change note). */
  'make-current': ['changeNote'],
  withdraw: ['reason'],
  /** The check page's forms (lib/file-checks): publish, clean, accept suggested tags. */
  publish: ['reason', 'acknowledged'],
  clean: [],
  'suggested-tags': ['artefactType', 'phases', 'topics'],
  /** Raising a concern about a material, and deciding one (lib/concerns). */
  concern: ['reason', 'details'],
  /** "We used this" on a material's page (lib/reuse), and withdrawing it: nothing to keep. */
  'material-use': ['note'],
  'withdraw-use': [],
  'decide-concern': ['decision', 'note'],
  'check-settings': ['requireCheckAcknowledgement'],
  'email-domains': ['emailDomains'],
  /** The buttons on an organisation's manage page (approve, refuse, roles, remove): nothing to keep. */
  'manage-organisation': [],
  /** The cancel button on "Join a council". */
  'cancel-join': [],
  join: ['organisation', 'message'],
  'public-body': ['name', 'homepageUrl', 'emailDomains'],
  'display-name': ['name'],
  /** Making a personal API token (lib/api-tokens): the secret is never among these. */
  'api-token': ['name', 'scope', 'expiresDay', 'expiresMonth', 'expiresYear'],
  /** "Leave" on /account/leave: nothing to keep. */
  leave: [],
  'become-admin': ['message'],
  'contact-admins': ['message'],
  /** Approve and Refuse on the site admins' queue: nothing to keep. */
  'site-requests': [],
  feedback: ['message', 'replyEmail'],
  /** Recording and changing a public commitment (lib/commitments), and the forms on its page. */
  commitment: ['kind', 'phase', 'description', 'dueDay', 'dueMonth', 'dueYear', 'evidenceExpected', 'visibility', 'contact'],
  'commitment-material': ['material'],
  'commitment-project': ['project'],
  'commitment-link': ['url', 'title'],
  /** Confirming as kept, removing evidence, withdrawing: buttons, nothing to keep. */
  'commitment-confirm': [],
  'commitment-remove-evidence': [],
  'commitment-withdraw': [],
  /** Registering and changing a project (lib/projects), and the forms on its page. */
  project: ['name', 'summary', 'topics', 'lgsl', 'phase', 'startDay', 'startMonth', 'startYear', 'startEstimated', 'endDay', 'endMonth', 'endYear', 'endEstimated',
    'collaboration', 'fundingSource', 'fundingDetail', 'link1Title', 'link1Url', 'link2Title', 'link2Url', 'link3Title', 'link3Url', 'visibility', 'contact'],
  'project-update': ['body', 'phase', 'materials', 'link1Title', 'link1Url', 'link2Title', 'link2Url', 'link3Title', 'link3Url'],
  'project-partner': ['council'],
  'project-status': ['status'],
  'project-invitation': [],
  'project-delete': [],
  /** Following (lib/following): naming a search to follow, and the buttons (nothing to keep). */
  'follow-search': ['name', 'target'],
  follow: [],
  'digest-frequency': ['frequency'],
  /** Making and changing a Discovery kit (lib/kits), and adding a material to one. */
  kit: ['title', 'description', 'visibility'],
  'kit-item': ['kit', 'note'],
  'kit-note': ['material', 'note'],
} as const;

export type FormName = keyof typeof formAttemptFields;
export type FormValues = Record<string, string | string[]>;

export interface FormAttempt {
  values: FormValues;
  errors: FieldError[];
}

const maxAge = 24 * 60 * 60 * 1000;
const maxListItems = 50;
const maxListItemLength = 200;
const maxTextLength = 20_000;

const stored = z.object({
  form: z.string(),
  subject: z.string(),
  userId: z.string(),
  values: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
});

const storedErrors = z.array(z.object({ field: z.string(), message: z.string() }));

function keep(form: FormName, fields: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const name of formAttemptFields[form]) {
    const value = fields[name];
    if (Array.isArray(value)) values[name] = value.slice(0, maxListItems).map((v) => String(v).slice(0, maxListItemLength));
    else if (value !== undefined && value !== null) values[name] = String(value).slice(0, maxTextLength);
  }
  return values;
}

const ownerOf = (viewer: Viewer) => (viewer.kind === 'user' ? viewer.userId : 'anonymous');

/** Keeps a refused attempt and returns its id, for the address the form is shown again at. */
export async function saveFormAttempt(
  services: Services,
  viewer: Viewer,
  attempt: { form: FormName; subject?: string; fields: Record<string, unknown>; errors: FieldError[] },
): Promise<string> {
  await services.db.delete(formAttempts).where(lt(formAttempts.createdAt, new Date(Date.now() - maxAge)));
  const values = { form: attempt.form, subject: attempt.subject ?? '', userId: ownerOf(viewer), values: keep(attempt.form, attempt.fields) };
  const errors = attempt.errors.slice(0, 20).map((e) => ({ field: e.field.slice(0, 50), message: e.message.slice(0, 500) }));
  const [row] = await services.db.insert(formAttempts).values({ values, errors }).returning({ id: formAttempts.id });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

/** The attempt, if it is this viewer's own, for this form and subject, and recent; otherwise undefined. */
export async function loadFormAttempt(
  services: Services,
  viewer: Viewer,
  form: FormName,
  subject: string,
  attemptId: unknown,
): Promise<FormAttempt | undefined> {
  if (!isUuid(attemptId)) return undefined;
  const [row] = await services.db.select().from(formAttempts).where(eq(formAttempts.id, attemptId));
  if (!row || row.createdAt.getTime() < Date.now() - maxAge) return undefined;
  const values = stored.safeParse(row.values);
  const errors = storedErrors.safeParse(row.errors);
  if (!values.success || !errors.success) return undefined;
  const kept = values.data;
  if (kept.form !== form || kept.subject !== subject || kept.userId !== ownerOf(viewer)) return undefined;
  return { values: kept.values, errors: errors.data };
}

/** A kept answer as text (undefined when the form did not send it). */
export function textValue(values: FormValues | undefined, name: string): string | undefined {
  const value = values?.[name];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? (value[0] ?? '') : value;
}

/** A kept answer as a list (undefined when the form did not send it). */
export function listValue(values: FormValues | undefined, name: string): string[] | undefined {
  const value = values?.[name];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value : [value];
}

/** Errors keyed by field, for the inline messages beside each input. */
export function errorsByField(attempt: FormAttempt | undefined): Record<string, string> {
  return Object.fromEntries((attempt?.errors ?? []).map((e) => [e.field, e.message]));
}
