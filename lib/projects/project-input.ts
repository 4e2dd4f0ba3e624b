import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { visibilities } from '@/lib/auth/viewer';
import { dayFromParts } from '@/lib/text/calendar-days';
import { topics, users, type ProjectLink } from '@/lib/db/schema';
import type { Transaction } from '@/lib/db/transaction';
import { ValidationError, type FieldError } from '@/lib/errors';
import { single } from '@/lib/materials/material-access';
import { readLinks } from './project-links';
import {
  collaborationChoices,
  fundingSources,
  projectNameLimit,
  projectPhases,
  projectSummaryLimit,
  type Collaboration,
  type FundingSource,
  type ProjectPhase,
} from './project-words';

/**
 * The answers of the project form (registering and editing), checked: every problem reported at
 * once, each beside its field, in the order the fields are on the page.
 */
export interface ProjectAnswers {
  name: string;
  summary: string;
  topics: string[];
  lgslCodes: number[];
  phase: ProjectPhase;
  startOn: string;
  startEstimated: boolean;
  expectedEndOn: string | null;
  endEstimated: boolean;
  collaboration: Collaboration[];
  fundingSource: FundingSource | null;
  fundingDetail: string;
  links: ProjectLink[];
  visibility: (typeof visibilities)[number];
  contactUserId: string;
}

const text = (value: unknown) => String(single(value) ?? '').trim();
const list = (value: unknown): string[] => (Array.isArray(value) ? value : value === undefined || value === null || value === '' ? [] : [value]).map((v) => String(v).trim()).filter(Boolean);

const basics = z.object({
  name: z.string().min(1, 'Enter the project’s name').max(projectNameLimit, `The name must be ${projectNameLimit} characters or fewer`),
  summary: z.string().min(1, 'Say what the project is about').max(projectSummaryLimit, `The summary must be ${projectSummaryLimit} characters or fewer`),
  phase: z.enum(projectPhases, { error: 'Choose the phase the project is in' }),
  visibility: z.enum(visibilities, { error: 'Choose who can see this project' }),
  fundingDetail: z.string().max(300, 'How it is funded must be 300 characters or fewer'),
});

export async function readProjectAnswers(
  tx: Transaction,
  fields: Record<string, unknown>,
  options: { organisationId: string; registrarId: string },
): Promise<ProjectAnswers> {
  const errors: FieldError[] = [];
  const parsed = basics.safeParse({
    name: text(fields.name),
    summary: text(fields.summary),
    phase: text(fields.phase),
    visibility: text(fields.visibility) || 'public',
    fundingDetail: text(fields.fundingDetail),
  });
  if (!parsed.success) {
    const seen = new Set<string>();
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0]);
      if (!seen.has(field)) errors.push({ field, message: issue.message });
      seen.add(field);
    }
  }

  const chosenTopics = [...new Set(list(fields.topics))];
  const known = chosenTopics.length ? await tx.select({ slug: topics.slug }).from(topics).where(inArray(topics.slug, chosenTopics)) : [];
  if (known.length !== chosenTopics.length) errors.push({ field: 'topics', message: 'Choose service areas from the list' });

  const lgslText = text(fields.lgsl);
  const lgslParts = lgslText ? lgslText.split(/[\s,]+/).filter(Boolean) : [];
  const lgslCodes = [...new Set(lgslParts.map(Number))];
  if (lgslParts.some((part) => !/^\d{1,5}$/.test(part) || Number(part) < 1) || lgslCodes.length > 20) {
    errors.push({ field: 'lgsl', message: 'LGSL codes must be whole numbers separated by commas, 20 at most, for example 524, 525' });
  }

  const start = dayFromParts(text(fields.startDay), text(fields.startMonth), text(fields.startYear), 'Enter the date the project started or will start');
  if ('error' in start) errors.push({ field: 'startDay', message: start.error });
  let expectedEndOn: string | null = null;
  const endParts = [text(fields.endDay), text(fields.endMonth), text(fields.endYear)] as const;
  if (endParts.some(Boolean)) {
    const end = dayFromParts(...endParts, 'Enter the expected end date');
    if ('error' in end) errors.push({ field: 'endDay', message: end.error });
    else if ('day' in start && end.day < start.day) errors.push({ field: 'endDay', message: 'The expected end date must be the same as or after the start date' });
    else expectedEndOn = end.day;
  }

  const collaboration = [...new Set(list(fields.collaboration))];
  if (collaboration.some((c) => !(collaborationChoices as readonly string[]).includes(c))) {
    errors.push({ field: 'collaboration', message: 'Choose how open the project is from the list' });
  }
  const funding = text(fields.fundingSource);
  if (funding && !(fundingSources as readonly string[]).includes(funding)) errors.push({ field: 'fundingSource', message: 'Choose how the project is funded from the list' });

  const links = readLinks(fields, errors);

  let contactUserId = options.registrarId;
  const chosen = text(fields.contact);
  if (chosen) {
    const [member] = z.uuid().safeParse(chosen).success
      ? await tx
          .select({ id: users.id })
          .from(users)
          .where(and(eq(users.id, chosen), eq(users.organisationId, options.organisationId)))
      : [];
    if (member) contactUserId = member.id;
    else errors.push({ field: 'contact', message: 'Choose a member of your council as the contact' });
  }

  if (errors.length > 0 || !parsed.success || 'error' in start) throw new ValidationError(order(errors));
  return {
    name: parsed.data.name,
    summary: parsed.data.summary,
    topics: chosenTopics,
    lgslCodes,
    phase: parsed.data.phase,
    startOn: start.day,
    startEstimated: text(fields.startEstimated) === 'yes',
    expectedEndOn,
    endEstimated: expectedEndOn !== null && text(fields.endEstimated) === 'yes',
    collaboration: collaboration as Collaboration[],
    fundingSource: (funding || null) as FundingSource | null,
    fundingDetail: parsed.data.fundingDetail,
    links,
    visibility: parsed.data.visibility,
    contactUserId,
  };
}

const fieldOrder = ['name', 'summary', 'topics', 'lgsl', 'phase', 'startDay', 'endDay', 'collaboration', 'fundingSource', 'fundingDetail',
  'link1Title', 'link1Url', 'link2Title', 'link2Url', 'link3Title', 'link3Url', 'visibility', 'contact'];

function order(errors: FieldError[]): FieldError[] {
  return [...errors].sort((a, b) => fieldOrder.indexOf(a.field) - fieldOrder.indexOf(b.field));
}

/** What the audit log keeps of a project's answers (the contact as an id: no names or addresses). */
export function projectAuditView(p: Omit<ProjectAnswers, 'phase' | 'visibility' | 'collaboration' | 'fundingSource'> & { phase: string; visibility: string; collaboration: string[]; fundingSource: string | null }) {
  return {
    name: p.name,
    summary: p.summary,
    topics: p.topics,
    lgslCodes: p.lgslCodes,
    phase: p.phase,
    startOn: p.startOn,
    startEstimated: p.startEstimated,
    expectedEndOn: p.expectedEndOn,
    endEstimated: p.endEstimated,
    collaboration: p.collaboration,
    fundingSource: p.fundingSource,
    fundingDetail: p.fundingDetail,
    links: p.links,
    visibility: p.visibility,
    contactUserId: p.contactUserId,
  };
}
