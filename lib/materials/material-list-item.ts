/**
 * A material in a list on "Your account" or a council's page: enough to find it again and to see its
 * state and who can see it. Safe to import anywhere.
 */
export interface MaterialListItem {
  id: string;
  title: string;
  /** 'draft' | 'published' | 'withdrawn'. */
  status: string;
  visibility: string;
  organisationName: string | null;
  updatedAt: string;
  /** The current file's thumbnail (lib/material-previews), when it has one; its route checks permission again. */
  thumbnail?: { url: string; width: number; height: number };
}

/** How many a list shows; the rest are reached through search (published ones) or the council page. */
export const materialListLimit = 100;

/**
 * How a list names a material's state. A draft is every upload until its uploader has seen the check
 * and published it: it is named as such, never mistaken for a withdrawn material.
 */
export function materialStateLabel(status: string): { text: string; colour: 'green' | 'yellow' | 'grey' } {
  switch (status) {
    case 'published':
      return { text: 'Published', colour: 'green' };
    case 'draft':
      return { text: 'Draft', colour: 'yellow' };
    default:
      return { text: 'Withdrawn', colour: 'grey' };
  }
}
