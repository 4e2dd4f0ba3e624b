import 'server-only';
import type { NextResponse } from 'next/server';
import { currentViewer } from '@/lib/auth/current-viewer';
import type { Viewer } from '@/lib/auth/viewer';
import { AppError } from '@/lib/errors';
import { parseMaterialId } from '@/lib/materials/material-access';
import { services } from '@/lib/runtime';
import type { Services } from '@/lib/services';
import { assertSameOrigin } from './check-origin';
import { plainError } from './form-post';

export interface MaterialFormContext {
  request: Request;
  /** The material's id, already checked to be a UUID. */
  id: string;
  /** Read live for this request. The domain function still decides what this viewer may do. */
  viewer: Viewer;
  hub: Services;
}

/**
 * Wraps the POST handler of a form about one material (edit, replace, withdraw, restore, delete), so
 * none of them can forget the first steps: refuse cross-site posts, refuse ids that are not UUIDs, and
 * read the live viewer. What the viewer may do is then decided by the domain function the handler calls.
 */
export function materialFormRoute(handle: (context: MaterialFormContext) => Promise<NextResponse>) {
  return async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<NextResponse> {
    try {
      assertSameOrigin(request);
    } catch (error) {
      return plainError(error as AppError);
    }
    const id = parseMaterialId((await params).id);
    if (!id) return plainError(new AppError('not_found', 'Page not found'));
    const [hub, viewer] = await Promise.all([services(), currentViewer()]);
    return handle({ request, id, viewer, hub });
  };
}
