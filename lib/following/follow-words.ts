/**
 * The words of following: the kinds of thing one can follow and how often digests come. Safe to import
 * anywhere (pages use them for labels and radios).
 *
 * 'project' and 'similar-projects' ("a project like yours") join `followKinds` when projects land;
 * follows are stored as kind + target, so nothing else changes shape (lib/db/tables/following.ts).
 */
export const followKinds = ['council', 'topic', 'search'] as const;
export type FollowKind = (typeof followKinds)[number];

export const digestFrequencies = ['daily', 'weekly', 'off'] as const;
export type DigestFrequency = (typeof digestFrequencies)[number];

export const frequencyLabels: Record<DigestFrequency, string> = {
  daily: 'Every day, when there is something new',
  weekly: 'Once a week, on Monday, when there is something new',
  off: 'No emails (you can still see what is new on the hub)',
};

export const followKindLabels: Record<FollowKind, string> = {
  council: 'Council',
  topic: 'Service area',
  search: 'Search',
};

/** A saved search's name, as people type it. */
export const searchNameLimit = 100;
