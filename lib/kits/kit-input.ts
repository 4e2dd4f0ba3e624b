import 'server-only';
import { z } from 'zod';
import { visibilities } from '@/lib/auth/viewer';
import { ValidationError } from '@/lib/errors';
import { single } from '@/lib/materials/material-access';
import { kitDescriptionLimit, kitNoteLimit, kitTitleLimit } from './kit-words';

/**
 * The answers of the kit forms, checked, every problem reported at once beside its field (the GOV.UK
 * pattern): a title, an optional description, who can see it; and a short optional note per item.
 */

export interface KitAnswers {
  title: string;
  description: string;
  visibility: (typeof visibilities)[number];
}

const text = (value: unknown) => String(single(value) ?? '').trim();

const answersSchema = z.object({
  title: z.string().min(1, 'Enter a title for the kit').max(kitTitleLimit, `The title must be ${kitTitleLimit} characters or fewer`),
  description: z.string().max(kitDescriptionLimit, `The description must be ${kitDescriptionLimit} characters or fewer`),
  visibility: z.enum(visibilities, { error: 'Choose who can see this kit' }),
});

export function readKitAnswers(fields: Record<string, unknown>): KitAnswers {
  const parsed = answersSchema.safeParse({
    title: text(fields.title),
    description: text(fields.description),
    visibility: text(fields.visibility) || 'public',
  });
  if (!parsed.success) {
    throw new ValidationError(parsed.error.issues.map((issue) => ({ field: String(issue.path[0]), message: issue.message })));
  }
  return parsed.data;
}

const noteSchema = z.string().max(kitNoteLimit, `The note must be ${kitNoteLimit} characters or fewer`);

export function readKitNote(fields: Record<string, unknown>): string {
  const parsed = noteSchema.safeParse(text(fields.note));
  if (!parsed.success) throw new ValidationError([{ field: 'note', message: parsed.error.issues[0]!.message }]);
  return parsed.data;
}
