import 'server-only';
import { AppError } from '@/lib/errors';
import { organisationProblems } from './messages';
import { refuse } from './organisation-common';

/**
 * For buttons about one member or one request: if that person or request is not found (someone else
 * removed or decided it a moment ago, or the id was never theirs to act on), say so on the page the
 * button was on, rather than answering "Page not found" for the whole page.
 */
export async function whenGone<T>(change: Promise<T>): Promise<T> {
  try {
    return await change;
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') throw refuse(organisationProblems.gone);
    throw error;
  }
}
