/** The reasons someone can give for a concern, and what happened to it, in plain words. */
export const concernReasons = {
  'personal-data': 'It contains personal data',
  licence: 'The licence is wrong, or it is not theirs to share',
  'broken-file': 'The file is broken or is the wrong file',
  other: 'Something else',
} as const;

export type ConcernReason = keyof typeof concernReasons;

export const concernStatuses = {
  open: 'Waiting for a decision',
  hidden: 'Material hidden',
  'fix-requested': 'Council asked to fix it',
  dismissed: 'Dismissed',
} as const;

export type ConcernStatus = keyof typeof concernStatuses;

export const concernDecisions = {
  hide: 'Hide the material now (withdraw it)',
  fix: 'Ask the council that shared it to fix it',
  dismiss: 'Dismiss the concern',
} as const;

export type ConcernDecision = keyof typeof concernDecisions;
