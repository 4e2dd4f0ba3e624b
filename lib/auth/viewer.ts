/**
 * Who is asking. Every domain function that reads or changes something takes the viewer and checks
 * permission itself (lib/auth/permissions.ts). Built fresh for each request from the database
 * (lib/sign-in/current-viewer.ts), so removing a member or changing a role takes effect at once.
 * Safe to import anywhere: types and constants only.
 */
export type Role = 'member' | 'org_admin';

export interface ViewerOrganisation {
  id: string;
  slug: string;
  name: string;
}

export type Viewer =
  | { kind: 'anonymous' }
  | {
      kind: 'user';
      userId: string;
      /** The name they gave, as others may see it (lib/text/display-name.ts); null if they gave none. */
      name: string | null;
      /** The organisation the user belongs to, if any. */
      organisation: ViewerOrganisation | null;
      role: Role;
      isSiteAdmin: boolean;
    };

/** The hub itself, for work no person asked for (the starter kit, bulk import from the command line). */
export type Actor = Viewer | { kind: 'system'; label: string };

export const anonymous: Viewer = { kind: 'anonymous' };

export const visibilities = ['public', 'councils', 'organisation'] as const;
export type Visibility = (typeof visibilities)[number];
