'use server';

import { redirect } from 'next/navigation';
import { currentViewer } from '@/lib/auth/current-viewer';
import { AppError } from '@/lib/errors';
import { changeMemberRole } from '@/lib/organisations/change-member-role';
import { decideJoinRequest } from '@/lib/organisations/decide-join-request';
import { formStateFor, problemFor, type FormState } from '@/lib/organisations/messages';
import { removeMember } from '@/lib/organisations/remove-member';
import { updateEmailDomains } from '@/lib/organisations/update-email-domains';
import { services } from '@/lib/runtime';

// Server actions are public endpoints: each reads the live viewer and leaves every check (permission,
// validation, the one-admin rule) to the domain function. Next.js refuses them from other origins.
// Each redirects back (303) with a code the page turns into a banner or an error: never free text.

const text = (formData: FormData, name: string, max = 200) => {
  const value = formData.get(name);
  return typeof value === 'string' ? value.slice(0, max) : '';
};

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function managePath(slug: string, query: Record<string, string>): string {
  if (!slugPattern.test(slug)) return '/';
  return `/organisations/${slug}/manage?${new URLSearchParams(query)}`;
}

async function runAndReturn(
  slug: string,
  change: () => Promise<Record<string, string>>,
  elsewhere: () => string | undefined = () => undefined,
): Promise<never> {
  let target: string;
  try {
    const query = await change();
    // Someone who removed themself can no longer see the manage page.
    target = elsewhere() ?? managePath(slug, query);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    target = managePath(slug, { problem: problemFor(error) });
  }
  redirect(target);
}

export async function decideJoinRequestAction(formData: FormData): Promise<void> {
  const slug = text(formData, 'organisation', 100);
  await runAndReturn(slug, async () => {
    const decided = await decideJoinRequest(await services(), await currentViewer(), {
      requestId: text(formData, 'requestId'),
      decision: text(formData, 'decision'),
    });
    return { done: decided.status, member: decided.requesterId };
  });
}

export async function changeMemberRoleAction(formData: FormData): Promise<void> {
  const slug = text(formData, 'organisation', 100);
  await runAndReturn(slug, async () => {
    const changed = await changeMemberRole(await services(), await currentViewer(), slug, {
      userId: text(formData, 'userId'),
      role: text(formData, 'role'),
    });
    return { done: 'role_changed', member: changed.userId };
  });
}

export async function removeMemberAction(formData: FormData): Promise<void> {
  const slug = text(formData, 'organisation', 100);
  const userId = text(formData, 'userId');
  const viewer = await currentViewer();
  let left = false;
  await runAndReturn(slug, async () => {
    await removeMember(await services(), viewer, slug, { userId });
    left = viewer.kind === 'user' && viewer.userId === userId;
    return { done: 'removed' };
  }, () => (left ? '/account/join?done=left' : undefined));
}

export async function updateEmailDomainsAction(slug: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const values = { emailDomains: text(formData, 'emailDomains', 20_000) };
  try {
    await updateEmailDomains(await services(), await currentViewer(), slug, values);
  } catch (error) {
    if (error instanceof AppError && (error.code === 'forbidden' || error.code === 'not_found')) redirect(managePath(slug, {}));
    if (!(error instanceof AppError)) console.error('[organisations] email domains not saved:', error);
    return formStateFor(error, values);
  }
  redirect(managePath(slug, { done: 'domains_updated' }));
}
