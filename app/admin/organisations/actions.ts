'use server';

import { redirect } from 'next/navigation';
import { currentViewer } from '@/lib/auth/current-viewer';
import { AppError } from '@/lib/errors';
import { addPublicBody } from '@/lib/organisations/add-public-body';
import { formStateFor, type FormState } from '@/lib/organisations/messages';
import { services } from '@/lib/runtime';

// A public endpoint like every server action: the domain function checks the viewer is a site admin
// and validates everything. Next.js refuses server actions from other origins.

const text = (formData: FormData, name: string, max: number) => {
  const value = formData.get(name);
  return typeof value === 'string' ? value.slice(0, max) : '';
};

export async function addPublicBodyAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = {
    name: text(formData, 'name', 1000),
    homepageUrl: text(formData, 'homepageUrl', 2000),
    emailDomains: text(formData, 'emailDomains', 20_000),
  };
  let slug: string;
  try {
    slug = (await addPublicBody(await services(), await currentViewer(), values)).slug;
  } catch (error) {
    if (error instanceof AppError && error.code === 'forbidden') redirect('/admin/organisations/new');
    if (!(error instanceof AppError)) console.error('[admin] public body not added:', error);
    return formStateFor(error, values);
  }
  redirect(`/admin/organisations?${new URLSearchParams({ added: slug })}`);
}
