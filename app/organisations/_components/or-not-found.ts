import 'server-only';
import { notFound } from 'next/navigation';
import { AppError } from '@/lib/errors';

/**
 * Runs a domain read for a page: if the viewer may not see it (or it is not there) the page is
 * "Page not found", so nobody learns what exists behind it.
 */
export async function orNotFound<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof AppError && (error.code === 'forbidden' || error.code === 'not_found')) notFound();
    throw error;
  }
}
