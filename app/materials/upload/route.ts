import { NextResponse } from 'next/server';
import { currentViewer } from '@/lib/auth/current-viewer';
import { AppError } from '@/lib/errors';
import { assertSameOrigin } from '@/lib/http/check-origin';
import { seeOther } from '@/lib/http/form-post';
import { parseMultipartUpload } from '@/lib/http/parse-multipart-upload';
import { createMaterial } from '@/lib/materials/create-material';
import { saveUploadAttempt, uploadFormValues } from '@/lib/materials/upload-attempts';
import { services } from '@/lib/runtime';

// The upload form posts here (multipart, with or without JavaScript). A route handler rather than a
// server action, because server actions read the whole body into memory and files must stream.
export const dynamic = 'force-dynamic';

export async function POST(request: Request) {
  try {
    assertSameOrigin(request);
  } catch (error) {
    return plainError(error as AppError);
  }
  const hub = await services();
  const viewer = await currentViewer();
  if (viewer.kind === 'anonymous') return seeOther(request, '/sign-in?callbackUrl=%2Fmaterials%2Fnew');
  let fields: Record<string, unknown> = {};
  try {
    const { result } = await parseMultipartUpload(request, hub.maxUploadBytes, (answers, file) => {
      fields = answers;
      return createMaterial(hub, { actor: viewer, fields: answers, file });
    });
    return seeOther(request, `/materials/${result.id}?shared=1`);
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation') {
      const attempt = await saveUploadAttempt(hub, viewer, uploadFormValues(fields), error.fieldErrors);
      return seeOther(request, `/materials/new?attempt=${attempt}`);
    }
    if (error instanceof AppError) {
      const attempt = await saveUploadAttempt(hub, viewer, uploadFormValues(fields), [{ field: 'file', message: error.message }]).catch(
        () => undefined,
      );
      return attempt ? seeOther(request, `/materials/new?attempt=${attempt}`) : plainError(error);
    }
    console.error('[upload] unexpected failure:', error);
    return plainError(new AppError('bad_request', 'Sorry, your material could not be shared. Try again later.'));
  }
}

function plainError(error: AppError) {
  return new NextResponse(error.message, {
    status: error.status,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  });
}
