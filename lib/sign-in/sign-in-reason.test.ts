import { describe, expect, it } from 'vitest';
import { signInReason } from './sign-in-reason';

describe('signInReason', () => {
  it('says why for the pages that need signing in', () => {
    expect(signInReason('/materials/new')).toBe('Sign in to share a material.');
    expect(signInReason('/materials/new?attempt=1')).toBe('Sign in to share a material.');
    expect(signInReason('/materials/0191a2b3-0000-7000-8000-000000000000/edit')).toBe('Sign in to change this material.');
    expect(signInReason('/account')).toBe('Sign in to see your account.');
    expect(signInReason('/account/join')).toBe('Sign in to ask to join your council.');
    expect(signInReason('/organisations/bristol/manage')).toBe('Sign in to manage your organisation.');
    expect(signInReason('/admin/feedback')).toBe('Sign in as a site admin to continue.');
  });

  it('says nothing extra for pages anyone may see', () => {
    expect(signInReason('/')).toBeUndefined();
    expect(signInReason('/search?q=bins')).toBeUndefined();
    expect(signInReason('/materials/0191a2b3-0000-7000-8000-000000000000')).toBeUndefined();
    expect(signInReason('/materials/newsletter')).toBeUndefined();
    expect(signInReason('/accountant')).toBeUndefined();
  });
});
