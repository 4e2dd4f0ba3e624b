import { z } from 'zod';

/** Route parameters the form routes check before anything else (lib/http/form-route.ts). */

export const materialParams = z.object({ id: z.uuid() });

export const organisationParams = z.object({ slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(100) });
