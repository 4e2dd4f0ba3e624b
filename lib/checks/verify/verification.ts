/**
 * The answer to "is this whole file really the format it claims?": ok, or not with a plain reason
 * for the uploader. `checked: 'structure'` says the format's own structure was read through
 * (pages parse, the package has its main part, the picture decodes); `checked: 'signature'` says
 * only the container's signature could be confirmed (the legacy Office formats).
 */
export type FormatVerification = { ok: true; checked: 'structure' | 'signature' } | { ok: false; reason: string };

export const verified = (checked: 'structure' | 'signature' = 'structure'): FormatVerification => ({ ok: true, checked });
export const rejected = (reason: string): FormatVerification => ({ ok: false, reason });


export { withArticle } from '../failure-messages';
