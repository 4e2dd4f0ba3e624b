import 'server-only';
import { z } from 'zod';
import { visibilities, type Visibility } from '@/lib/auth/viewer';
import { defaultLicence, vocabularies } from '@/lib/taxonomy/vocabularies';

/**
 * What someone says about a material when they share it, validated the same way whether it comes from
 * the upload form, the API, the bulk import or the starter kit. Messages follow the GOV.UK Design
 * System's wording for error messages.
 */

export const limits = { title: 200, summary: 2000, tag: 50, tags: 20 };

const oneOrMany = z.preprocess(
  (value) => (value === undefined || value === null || value === '' ? [] : Array.isArray(value) ? value : [value]),
  z.array(z.string()),
);

/** "interviews, GDPR;  Recruitment" → ["interviews", "gdpr", "recruitment"]. */
export function parseTags(value: unknown): string[] {
  const raw = Array.isArray(value) ? value.join(',') : typeof value === 'string' ? value : '';
  const tags = raw
    .split(/[,;\n]/)
    .map((tag) => tag.trim().replace(/\s+/g, ' ').toLowerCase())
    .filter(Boolean);
  return [...new Set(tags)];
}

function slugOf(list: { slug: string }[]) {
  return new Set(list.map((item) => item.slug));
}

export function materialInputSchema() {
  const v = vocabularies();
  const phaseSlugs = slugOf(v.phases);
  const topicSlugs = slugOf(v.topics);
  const typeSlugs = slugOf(v.artefactTypes);
  const kindSlugs = slugOf(v.kinds);
  const licenceIds = new Set(v.licences.map((l) => l.spdx));
  const councilSlugs = slugOf(v.councils);

  return z.object({
    title: z
      .string({ message: 'Enter a title' })
      .transform((s) => s.trim().replace(/\s+/g, ' '))
      .pipe(z.string().min(1, 'Enter a title').max(limits.title, `Title must be ${limits.title} characters or fewer`)),
    summary: z
      .string()
      .optional()
      .transform((s) => (s ?? '').trim())
      .pipe(z.string().max(limits.summary, `Summary must be ${limits.summary} characters or fewer`)),
    phases: oneOrMany.pipe(
      z
        .array(z.string().refine((s) => phaseSlugs.has(s), 'Select phases from the list'))
        .min(1, 'Select at least one phase'),
    ),
    artefactType: z
      .string({ message: 'Select the type of material' })
      .refine((s) => typeSlugs.has(s), 'Select the type of material'),
    kind: z.string({ message: 'Select whether this is a template, a worked example or guidance' }).refine(
      (s) => kindSlugs.has(s),
      'Select whether this is a template, a worked example or guidance',
    ),
    topics: oneOrMany.pipe(z.array(z.string().refine((s) => topicSlugs.has(s), 'Select service areas from the list'))),
    tags: z
      .preprocess((value) => value ?? '', z.unknown())
      .transform(parseTags)
      .pipe(
        z
          .array(z.string().max(limits.tag, `Each tag must be ${limits.tag} characters or fewer`))
          .max(limits.tags, `Enter ${limits.tags} tags or fewer`),
      ),
    council: z
      .string()
      .optional()
      .transform((s) => (s ? s.trim() : undefined))
      .refine((s) => s === undefined || councilSlugs.has(s), 'Select a council from the list'),
    licence: z
      .string()
      .optional()
      .transform((s) => s || defaultLicence().spdx)
      .refine((s) => licenceIds.has(s), 'Select a licence from the list'),
    visibility: z
      .string()
      .optional()
      .transform((s) => s || 'public')
      .refine((s): s is Visibility => (visibilities as readonly string[]).includes(s), 'Select who can see it'),
    sourceUrl: z.url({ protocol: /^https?$/, message: 'Enter a web address starting with https://' }).optional(),
    attribution: z.string().max(500).optional(),
  });
}

export type MaterialInput = z.output<ReturnType<typeof materialInputSchema>>;

/** The input name each schema key is posted as, so errors point at the right form field. */
export const fieldNames: Record<string, string> = {
  title: 'title',
  summary: 'summary',
  phases: 'phases',
  artefactType: 'artefactType',
  kind: 'kind',
  topics: 'topics',
  tags: 'tags',
  council: 'council',
  licence: 'licence',
  visibility: 'visibility',
  file: 'file',
};
