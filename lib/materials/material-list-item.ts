/**
 * A material in a list on "Your account" or a council's page: enough to find it again and to see its
 * state and who can see it. Safe to import anywhere.
 */
export interface MaterialListItem {
  id: string;
  title: string;
  /** 'published' | 'withdrawn'. */
  status: string;
  visibility: string;
  organisationName: string | null;
  updatedAt: string;
}

/** How many a list shows; the rest are reached through search (published ones) or the council page. */
export const materialListLimit = 100;
