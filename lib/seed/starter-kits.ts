/**
 * The hub's own starter kits, built from the starter templates (starter-kit/starter-kit.json, by seed
 * key), so that a new hub shows what a kit is for. Credited to Discovery Commons, never to a council.
 * Safe to import anywhere: data only.
 */
export interface StarterKitDefinition {
  seedKey: string;
  title: string;
  description: string;
  items: { template: string; note: string }[];
}

export const starterKits: readonly StarterKitDefinition[] = [
  {
    seedKey: 'starter-kits/plan-and-run-research',
    title: 'Plan and run Discovery user research',
    description:
      'Everything to plan a round of Discovery interviews: what you want to learn, who to talk to, how to get their consent and what to ask.',
    items: [
      { template: 'starter-kit/user-research-plan', note: 'Start here: agree what you need to learn, and by when, with your team.' },
      { template: 'starter-kit/recruitment-screener', note: 'Find residents who use the service, including those who struggle with it.' },
      { template: 'starter-kit/consent-form-and-participant-information', note: 'Send this before every session; check it with your information governance team.' },
      { template: 'starter-kit/discussion-guide', note: 'Adapt the questions to your service; keep them open.' },
    ],
  },
  {
    seedKey: 'starter-kits/make-sense-of-findings',
    title: 'Make sense of what you found',
    description: 'Turn interview notes into shared understanding: the people, their journeys, the organisations involved and what you are still assuming.',
    items: [
      { template: 'starter-kit/persona-template', note: 'Base each persona on people you met, not on guesses.' },
      { template: 'starter-kit/journey-map-template', note: 'Map the journey as residents live it, across teams and channels.' },
      { template: 'starter-kit/stakeholder-map-template', note: 'Who else shapes the service: other teams, partners, suppliers.' },
      { template: 'starter-kit/assumptions-log', note: 'Keep it going through Discovery and into Alpha.' },
    ],
  },
  {
    seedKey: 'starter-kits/share-what-you-learned',
    title: 'Share what you learned in Discovery',
    description: 'Tell colleagues and decision makers what you found and what should happen next.',
    items: [
      { template: 'starter-kit/problem-statement-template', note: 'One clear problem, and the user needs behind it.' },
      { template: 'starter-kit/show-and-tell-outline', note: 'Show the work often, not only at the end.' },
      { template: 'starter-kit/discovery-report-outline', note: 'The record of Discovery, and your recommendation on whether to go to Alpha.' },
    ],
  },
];
