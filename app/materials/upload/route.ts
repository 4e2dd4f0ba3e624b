import { formRoute } from '@/lib/http/form-route';
import { shareUploadedMaterial } from '@/lib/http/share-upload';

// The share form posts here (multipart, with or without JavaScript). A route handler that streams the
// file to storage: it is never held in memory.
export const dynamic = 'force-dynamic';

export const POST = formRoute(
  { body: 'stream', page: () => '/materials/new', attempt: { form: 'share', fileField: 'file', forbiddenBesideFile: true } },
  (context) => shareUploadedMaterial(context),
);
