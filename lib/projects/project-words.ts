/**
 * The words of projects: phases, how open a project is to working with others, common funding
 * sources and statuses, each with the label a council reads. Safe to import anywhere.
 */

/** A project's phases, in the order a project moves through them (the GDS service phases, with an idea before and retired after). */
export const projectPhases = ['idea', 'discovery', 'alpha', 'beta', 'live', 'retired'] as const;
export type ProjectPhase = (typeof projectPhases)[number];

export const projectPhaseLabels: Record<ProjectPhase, string> = {
  idea: 'Idea',
  discovery: 'Discovery',
  alpha: 'Alpha',
  beta: 'Beta',
  live: 'Live',
  retired: 'Retired',
};

export const collaborationChoices = ['sharing', 'conversation', 'partners', 'co-funding'] as const;
export type Collaboration = (typeof collaborationChoices)[number];

export const collaborationLabels: Record<Collaboration, string> = {
  sharing: 'Sharing what we learn',
  conversation: 'Open to a conversation',
  partners: 'Looking for partner councils',
  'co-funding': 'Looking for co-funding',
};

/** Common ways a council project is paid for; anything else goes in the free-text detail. */
export const fundingSources = ['local-digital-fund', 'council-budget', 'government-grant', 'partnership', 'other'] as const;
export type FundingSource = (typeof fundingSources)[number];

export const fundingSourceLabels: Record<FundingSource, string> = {
  'local-digital-fund': 'Local Digital Fund',
  'council-budget': 'The council’s own budget',
  'government-grant': 'Another government grant',
  partnership: 'Shared with partner councils',
  other: 'Something else',
};

export const projectStatuses = ['active', 'paused', 'finished'] as const;
export type ProjectStatus = (typeof projectStatuses)[number];

export const projectStatusLabels: Record<ProjectStatus, string> = {
  active: 'Active',
  paused: 'Paused',
  finished: 'Finished',
};

export const projectNameLimit = 120;
export const projectSummaryLimit = 1000;
export const projectUpdateLimit = 5000;
/** How many links a project or an update may list (the form has this many rows). */
export const projectLinkSlots = 3;

/** A project quiet for this many days says "last updated N days ago" and its contact is reminded. */
export const quietAfterDays = 90;
/** …and reminded once more at this many days. */
export const quietAgainAfterDays = 180;
