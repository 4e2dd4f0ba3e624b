/**
 * The words of commitments: kinds, statuses and reminders, as stored and as shown. Safe to import
 * anywhere (the pages and the domain use the same lists).
 */

export const commitmentKinds = ['share-materials', 'blog-post', 'list-projects', 'other'] as const;
export type CommitmentKind = (typeof commitmentKinds)[number];

export const commitmentKindLabels: Record<CommitmentKind, string> = {
  'share-materials': 'Share materials from a phase',
  'blog-post': 'Publish a blog post',
  'list-projects': 'List our projects on the hub',
  other: 'Something else',
};

/**
 * Worked out when read, never stored (commitment-status.ts): kept once the council confirms it with
 * evidence; otherwise overdue once its date has passed; otherwise in progress once it has evidence.
 */
export const commitmentStatuses = ['planned', 'in-progress', 'kept', 'overdue'] as const;
export type CommitmentStatus = (typeof commitmentStatuses)[number];

export const commitmentStatusLabels: Record<CommitmentStatus, string> = {
  planned: 'Planned',
  'in-progress': 'In progress',
  kept: 'Kept',
  overdue: 'Overdue',
};

/** The GOV.UK tag colour of each status. */
export const commitmentStatusColours = { planned: 'grey', 'in-progress': 'blue', kept: 'green', overdue: 'red' } as const;

export const commitmentReminderKinds = ['two-weeks-before', 'on-the-day'] as const;
export type CommitmentReminderKind = (typeof commitmentReminderKinds)[number];

export const commitmentDescriptionLimit = 150;
export const evidenceExpectedLimit = 1000;
export const evidenceTitleLimit = 200;
export const evidenceUrlLimit = 2000;
