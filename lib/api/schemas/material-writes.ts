import { z } from 'zod';
import { visibilities } from '@/lib/auth/viewer';
import { limits } from '@/lib/materials/material-input';
import { changeNoteLimit } from '@/lib/materials/replace-material-file';
import { withdrawReasonLimit } from '@/lib/materials/withdraw-material';
import { named } from './registry';

/**
 * The bodies of the API's writes. These strict schemas check the body's shape where it enters (no
 * unknown field, every value of its type) and are what the OpenAPI document shows; the values are then
 * checked by the very function the website's form calls (the vocabularies, the licence, who may see
 * it), with the form's own messages.
 */

const vocabularyWords = (name: string) => `from /api/v1/vocabularies/${name}`;

const detailFields = {
  title: z.string().max(limits.title, `Title must be ${limits.title} characters or fewer`).describe(`At most ${limits.title} characters.`),
  summary: z.string().max(limits.summary, `Summary must be ${limits.summary} characters or fewer`).describe(`At most ${limits.summary} characters.`),
  phases: z.array(z.string()).describe(`One or more phase slugs, ${vocabularyWords('phases')}.`),
  artefactType: z.string().describe(`An artefact type slug, ${vocabularyWords('artefact-types')}.`),
  kind: z.string().describe(`template, example or guidance (${vocabularyWords('kinds')}).`),
  topics: z.array(z.string()).describe(`Service area slugs, ${vocabularyWords('topics')}.`),
  tags: z.array(z.string()).describe(`Free words, at most ${limits.tags}, each at most ${limits.tag} characters (kept in lower case).`),
  licence: z.string().describe(`An SPDX identifier ${vocabularyWords('licences')}.`),
  visibility: z.enum(visibilities).describe('public: anyone; councils: people in any council; organisation: your own council only.'),
};

const projectDescription = 'The id of one of your council’s projects (or one it is a partner of) to put it in.';

export const materialChanges = named(
  'MaterialChanges',
  z
    .strictObject({
      ...detailFields,
      project: z.uuid({ error: 'Choose one of your council’s projects by its id' }).nullable().describe(`${projectDescription} null takes it out of its project.`),
    })
    .partial()
    .describe('The details to change: only the fields given change, the rest stay as they are. A field not listed here is refused.'),
);

/** The text fields of a new material, as multipart parts (each once; a list's part repeated for each value). */
export const newMaterialFields = z.strictObject({
  ...detailFields,
  summary: detailFields.summary.optional(),
  topics: detailFields.topics.optional(),
  tags: detailFields.tags.optional(),
  licence: detailFields.licence.optional().describe(`An SPDX identifier ${vocabularyWords('licences')} (default OGL-UK-3.0).`),
  visibility: detailFields.visibility.optional().describe('public (the default), councils or organisation.'),
  project: z.uuid({ error: 'Choose one of your council’s projects by its id' }).optional().describe(projectDescription),
  council: z.string().optional().describe('Site administrators only: the slug of the council it is from. Everyone else shares for their own council.'),
  sourceUrl: z.string().optional().describe('Where it came from, a web address starting with https://.'),
  attribution: z.string().max(500).optional().describe('Who to credit, when not the council.'),
  shareAnyway: z.enum(['yes']).optional().describe('yes: share it even if the same file is already in the hub (otherwise that is refused, naming the material that has it).'),
});

const filePart = z
  .string()
  .meta({ contentMediaType: 'application/octet-stream' })
  .describe('The file, as the LAST part (with its file name). The same formats and size limit as the website’s form.');

export const newMaterial = named(
  'NewMaterial',
  newMaterialFields.extend({ file: filePart }).describe('A material to share, as multipart/form-data: its details, then its file.'),
);

export const newVersionFields = z.strictObject({
  changeNote: z.string().max(changeNoteLimit, `What has changed must be ${changeNoteLimit} characters or fewer`).describe(`What has changed, at most ${changeNoteLimit} characters.`),
});

export const newVersion = named(
  'NewVersion',
  newVersionFields.extend({ file: filePart }).describe('A new file for a material, as multipart/form-data: the change note, then the file.'),
);

export const withdrawal = named(
  'Withdrawal',
  z
    .strictObject({
      reason: z.string().max(withdrawReasonLimit, `Reason must be ${withdrawReasonLimit} characters or fewer`).describe(`Why it is withdrawn, at most ${withdrawReasonLimit} characters. People who may still see it read this.`),
    })
    .describe('Why a material is withdrawn.'),
);

export const publication = named(
  'Publication',
  z
    .strictObject({
      reason: z.string().max(500).optional().describe('Needed when the check of the file found something (personal data, hidden content) or could not finish: why it is right to publish it as it is.'),
      acknowledged: z.boolean().optional().describe('true: you have read the check of the file (needed when your council asks for it).'),
    })
    .describe('Publishing a draft once its file has been checked.'),
);
