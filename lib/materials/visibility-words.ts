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

/**
 * Who can see it now, as the material page says it: its visibility while published; while withdrawn,
 * who can still open it (and what it goes back to when restored), so the page never says "Public"
 * beside a banner saying only its council can open it.
 */
export function whoCanSeeItNow(visibility: string, status: string, councilName: string | undefined): string {
  if (status !== 'published') {
    const members = councilName ? `members of ${councilName}` : 'members of the council that shared it';
    return `Only ${members} and site administrators, while it is withdrawn. If it is restored: ${lowerFirst(visibilityInWords(visibility, councilName))}`;
  }
  return visibilityInWords(visibility, councilName);
}

/** What the banner after sharing says about who can now find it, matching the visibility chosen. */
export function whoCanFindItNow(visibility: string, councilName: string | undefined): string {
  const council = councilName ?? 'the council that shared it';
  switch (visibility) {
    case 'public':
      return 'Anyone can now find it by searching or browsing, and download it.';
    case 'councils':
      return 'Anyone signed in from a council or public body can now find it by searching or browsing.';
    case 'organisation':
      return `Only members of ${council} can find it. Other councils will not see it unless you change who can see it.`;
    default:
      return 'Nobody else can find it yet.';
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
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
