import type { Viewer } from '../viewer';
import { isSiteAdmin } from './viewer-facts';

/**
 * Send feedback (/feedback): anyone, signed in or not, as public-sector services let everyone do. Abuse
 * is limited by how much one network address may send (lib/feedback/send-feedback.ts), not by who.
 */
export function canSendFeedback(_viewer: Viewer): boolean {
  return true;
}

/** Read the feedback people have sent (/admin/feedback), which may hold their email addresses: site admins only. */
export function canReadFeedback(viewer: Viewer): boolean {
  return isSiteAdmin(viewer);
}
