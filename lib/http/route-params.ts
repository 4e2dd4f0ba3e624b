import { z } from 'zod';

/** Route parameters the form routes check before anything else (lib/http/form-route.ts). */

export const materialParams = z.object({ id: z.uuid() });

/** A material and one of its file versions by number ("3": a positive whole number, written plainly). */
export const materialVersionParams = z.object({ id: z.uuid(), version: z.string().regex(/^[1-9][0-9]{0,8}$/) });

export const organisationParams = z.object({ slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(100) });

/** A public commitment (lib/commitments). */
export const commitmentParams = z.object({ id: z.uuid() });

/** A council's project (lib/projects). */
export const projectParams = z.object({ id: z.uuid() });

/** One of the viewer's follows (lib/following). */
export const followParams = z.object({ id: z.uuid() });

/** A one-click unsubscribe link's token (lib/following/unsubscribe-tokens.ts checks it further). */
export const unsubscribeParams = z.object({ token: z.string().max(100) });
/** A Discovery kit (lib/kits). */
export const kitParams = z.object({ id: z.uuid() });
