import type { Visibility } from '@/lib/auth/viewer';

/** Who can see a material, in plain words, for forms and the material page. Safe to import anywhere. */
export function visibilityChoices(organisationName: string | undefined): { value: Visibility; label: string; hint: string }[] {
  return [
    { value: 'public', label: 'Everyone', hint: 'Anyone can find and download it, without signing in.' },
    { value: 'councils', label: 'Councils', hint: 'Anyone signed in from a council or other public body.' },
    {
      value: 'organisation',
      label: organisationName ? `Only ${organisationName}` : 'Only my council',
      hint: 'Members of your council only, for work in progress.',
    },
  ];
}

export function describeVisibility(visibility: string, organisationName: string | undefined): string {
  return visibilityChoices(organisationName).find((choice) => choice.value === visibility)?.label ?? 'Nobody';
}
