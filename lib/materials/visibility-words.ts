/**
 * Who can see a material, in plain words, for forms and the material page. Safe to import
 * anywhere. One wording for the share form, the edit form and the material page.
 */
export interface VisibilityOption {
  value: 'public' | 'councils' | 'organisation';
  label: string;
  hint: string;
}

/**
 * The three choices. `councilName` is the council the material belongs to; `isOwnCouncil` says whether
 * the person choosing belongs to it (a site admin may not).
 */
export function visibilityOptions(councilName: string, isOwnCouncil: boolean): VisibilityOption[] {
  return [
    { value: 'public', label: 'Public', hint: 'Anyone can find and download it.' },
    { value: 'councils', label: 'Councils', hint: 'Anyone signed in from a council or public body.' },
    {
      value: 'organisation',
      label: isOwnCouncil ? 'Only my council' : `Only ${councilName}`,
      hint: `Members of ${councilName} only.`,
    },
  ];
}

/** "Public – anyone can find and download it", as the material page says it. */
export function visibilityInWords(visibility: string, councilName: string | undefined): string {
  switch (visibility) {
    case 'public':
      return 'Public – anyone can find and download it';
    case 'councils':
      return 'Councils – anyone signed in from a council or public body';
    case 'organisation':
      return councilName ? `Only ${councilName} – members of ${councilName} only` : 'Only the council that shared it';
    default:
      return 'Nobody';
  }
}
