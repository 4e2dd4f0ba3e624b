import 'server-only';
import { desc, sql } from 'drizzle-orm';
import { canReadFeedback } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { feedback } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import type { Services } from '@/lib/services';

export interface FeedbackItem {
  id: string;
  message: string;
  replyEmail: string | null;
  createdAt: string;
}

export const FEEDBACK_PAGE_SIZE = 50;

/** The feedback people have sent, newest first, a page at a time: site admins only (canReadFeedback). */
export async function listFeedback(
  services: Services,
  viewer: Viewer,
  options: { page?: number } = {},
): Promise<{ items: FeedbackItem[]; total: number; page: number; pages: number }> {
  if (viewer.kind !== 'user') throw new AppError('unauthenticated', 'Sign in to read feedback.');
  if (!canReadFeedback(viewer)) throw new AppError('forbidden', 'Only site admins can read feedback.');
  const [counted] = await services.db.select({ count: sql<number>`count(*)::int`.mapWith(Number) }).from(feedback);
  const total = counted?.count ?? 0;
  const pages = Math.max(1, Math.ceil(total / FEEDBACK_PAGE_SIZE));
  const page = Math.min(pages, Math.max(1, Math.floor(Number(options.page) || 1)));
  const rows = await services.db
    .select({ id: feedback.id, message: feedback.message, replyEmail: feedback.replyEmail, createdAt: feedback.createdAt })
    .from(feedback)
    .orderBy(desc(feedback.createdAt), desc(feedback.id))
    .limit(FEEDBACK_PAGE_SIZE)
    .offset((page - 1) * FEEDBACK_PAGE_SIZE);
  return { items: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })), total, page, pages };
}
