'use server';

import { redirect } from 'next/navigation';
import { currentViewer } from '@/lib/auth/current-viewer';
import { AppError } from '@/lib/errors';
import { cancelJoinRequest } from '@/lib/organisations/cancel-join-request';
import { formStateFor, problemFor, type FormState } from '@/lib/organisations/messages';
import { requestToJoin } from '@/lib/organisations/request-to-join';
import { services } from '@/lib/runtime';

// Server actions are public endpoints: each one reads the live viewer and leaves every check (sign-in,
// permission, validation) to the domain function. Next.js refuses them from other origins.

const text = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === 'string' ? value : '';
};

export async function requestToJoinAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = { organisation: text(formData, 'organisation').slice(0, 100), message: text(formData, 'message').slice(0, 5000) };
  try {
    await requestToJoin(await services(), await currentViewer(), values);
  } catch (error) {
    if (!(error instanceof AppError)) console.error('[join] request failed:', error);
    return formStateFor(error, values);
  }
  redirect('/account/join?done=requested');
}

export async function cancelJoinRequestAction(formData: FormData): Promise<void> {
  let target = '/account/join?done=cancelled';
  try {
    await cancelJoinRequest(await services(), await currentViewer(), { requestId: text(formData, 'requestId') });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    target = `/account/join?problem=${problemFor(error)}`;
  }
  redirect(target);
}
