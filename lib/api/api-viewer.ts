import 'server-only';
import type { Viewer } from '@/lib/auth/viewer';
import { currentViewer } from '@/lib/sign-in/current-viewer';
import { ApiProblem } from './problem';

/**
 * Who is asking the API: the one place a request becomes a viewer, so every route sees the same
 * rules. Today: the session cookie (a person using the API from their signed-in browser) or anonymous,
 * exactly as the pages. Personal API tokens (issue 11, part 3) slot in here: a token in the
 * `Authorization` header becomes its person's live viewer (membership and role read now), and a
 * request carrying one never falls back to the cookie.
 *
 * Until tokens exist, a request that sends `Authorization` is refused rather than quietly answered as
 * anonymous: a program that thinks it is signed in would otherwise get less than it expects and not know.
 */
export async function apiViewer(request: Request): Promise<Viewer> {
  if (request.headers.has('authorization')) {
    throw new ApiProblem('unauthorised', 'This hub does not accept API tokens yet. Leave out the Authorization header to see what anyone may see.');
  }
  return currentViewer();
}
