/**
 * Words and phrases that point to an artefact type or a phase, beyond the vocabulary's own labels.
 * Data, kept here because the vocabularies (lib/taxonomy/data) have labels and descriptions but no
 * cue words; a slug the lists below do not know is still suggested from its label and slug.
 * Weights: 3 for a phrase that names the thing, 2 for a strong cue, 1 for a hint.
 */
export type Cues = Record<string, [term: string, weight: number][]>;

export const ARTEFACT_TYPE_CUES: Cues = {
  'research-plan': [['research plan', 3], ['research brief', 3], ['research objectives', 2], ['research questions', 2], ['ethics plan', 3], ['plan your research', 2], ['planning research', 2], ['scoping research', 2], ['methodology', 1], ['research scope', 2]],
  'recruitment-plan': [['recruitment', 2], ['recruiting participants', 3], ['screener', 3], ['sampling', 2], ['incentive', 1], ['recruit', 1], ['finding users', 2]],
  'discussion-guide': [['discussion guide', 3], ['interview guide', 3], ['topic guide', 3], ['interview script', 3], ['questionnaire', 2], ['survey', 1], ['interview', 1], ['prompts', 1]],
  'consent-form': [['consent form', 3], ['participant information sheet', 3], ['information sheet', 2], ['consent', 2], ['i agree', 2], ['withdraw', 1], ['access needs', 1]],
  'stakeholder-map': [['stakeholder map', 3], ['stakeholder', 2], ['stakeholders', 2]],
  'user-needs': [['user needs', 3], ['user need', 3], ['user stories', 3], ['user story', 3], ['as a user', 2], ['so that', 1], ['user types', 2]],
  persona: [['persona', 3], ['personas', 3], ['user profile', 2]],
  'journey-map': [['journey map', 3], ['journey mapping', 3], ['user journey', 2], ['experience map', 3], ['pain point', 1]],
  'service-blueprint': [['service blueprint', 3], ['blueprint', 2], ['service map', 2], ['back stage', 1], ['front stage', 1]],
  'problem-statement': [['problem statement', 3], ['hypothesis', 2], ['hypotheses', 2], ['product vision', 2], ['problem', 1], ['how might we', 2]],
  'assumptions-log': [['assumption', 2], ['assumptions', 2], ['risks', 1], ['test the assumption', 3]],
  'research-findings': [['findings', 3], ['insights', 2], ['synthesis', 3], ['affinity', 2], ['what we found', 3], ['what we learned', 2], ['themes', 1], ['research round', 3], ['round of research', 3], ['we tested', 2]],
  'discovery-report': [['discovery report', 3], ['recommendations', 2], ['go no go', 2], ['end of discovery', 2]],
  'show-and-tell': [['show and tell', 3], ['playback', 2], ['sprint', 1], ['slides', 1]],
  'business-case': [['business case', 3], ['benefits case', 3], ['cost', 1], ['savings', 1], ['return on investment', 2]],
  'workshop-plan': [['workshop', 2], ['facilitation', 2], ['facilitator', 1], ['agenda', 1]],
  'data-analysis': [['data analysis', 3], ['analytics', 2], ['metrics', 2], ['performance data', 2]],
  prototype: [['prototype', 3], ['prototyping', 2], ['design history', 3], ['design changes', 2], ['iteration', 1], ['mock up', 2]],
  playbook: [['guidance', 2], ['how to', 2], ['you should', 2], ['you can', 1], ['you need to', 1], ['playbook', 3], ['service manual', 2], ['this guide', 2], ['best practice', 1], ['when to', 1], ['phase', 1], ['ways of working', 2]],
  'case-study': [['case study', 3], ['weeknote', 3], ['weeknotes', 3], ['blog', 2], ['we learned', 2], ['our team', 1], ['this week', 2], ['we worked', 1], ['the council', 1]],
  other: [['template', 1], ['glossary', 2], ['assessment', 1], ['job description', 2], ['strategy', 1]],
};

export const PHASE_CUES: Cues = {
  discovery: [['discovery', 1], ['discovery phase', 2], ['in discovery', 2]],
  alpha: [['alpha', 1], ['alpha phase', 2], ['in alpha', 2], ['prototype', 1]],
  beta: [['beta', 1], ['private beta', 2], ['public beta', 2], ['beta assessment', 2]],
  // Not "live" alone: it is an everyday verb ("where people live").
  live: [['live service', 2], ['going live', 2], ['go live', 2], ['in live', 2], ['live phase', 2], ['live assessment', 2], ['running the service', 1]],
  retirement: [['retirement', 1], ['retire the service', 3], ['retiring', 2], ['decommission', 3], ['decommissioning', 3]],
};

/**
 * Service areas: council phrases the LGSL list does not have (it lists what residents ask for, not
 * what council teams call their work). Generic council vocabulary, not drawn from any one document.
 */
export const TOPIC_CUES: Cues = {
  'planning-building': [['planning application', 3], ['planning permission', 3], ['planning officer', 2], ['planning system', 2], ['planning data', 3], ['development management', 2], ['building control', 3], ['local plan', 2], ['planning authority', 3]],
  housing: [['homelessness', 3], ['homeless', 2], ['social housing', 3], ['council housing', 3], ['housing association', 3], ['temporary accommodation', 3], ['lettings', 2], ['tenancy', 2], ['tenants', 1], ['landlord', 1], ['supported housing', 3], ['rough sleeping', 3]],
  'children-families': [['family hub', 3], ['early help', 3], ['children’s social care', 3], ['childrens services', 3], ['family support', 2], ['safeguarding', 2], ['looked after children', 3]],
  'adult-social-care': [['adult social care', 3], ['social worker', 2], ['care home', 2], ['care needs', 2], ['carers', 1]],
  'roads-transport': [['concessionary travel', 3], ['bus pass', 3], ['railcard', 3], ['public transport', 2], ['highways', 2]],
  'education-schools': [['school admissions', 3], ['school places', 3], ['free school meals', 3], ['special educational needs', 3]],
  'customer-contact': [['contact centre', 3], ['customer service', 2], ['customer services', 2], ['complaints', 2], ['enquiries', 1], ['residents contact', 2], ['single view', 2]],
  'digital-data': [['digital transformation', 3], ['digital services', 2], ['data platform', 3], ['open data', 2], ['product management', 2], ['digital team', 2], ['technology', 1], ['data', 0.5]],
  benefits: [['housing benefit', 3], ['council tax reduction', 3], ['universal credit', 3], ['financial support', 2], ['welfare', 2], ['pension credit', 3], ['pensions', 2]],
  workforce: [['job description', 3], ['recruitment panel', 2], ['salary', 2], ['hr', 1], ['workforce', 3]],
};

/** Words too common in council documents to point to a service area on their own. */
export const WEAK_TOPIC_WORDS = new Set(['culture', 'arts', 'consultations', 'registration', 'benefits', 'families', 'children', 'business', 'roads', 'transport', 'licensing', 'education', 'digital', 'data', 'technology', 'service', 'services', 'information', 'support', 'help', 'council', 'customer', 'contact', 'finance', 'internal', 'young', 'people', 'public', 'local', 'building', 'street', 'care', 'health', 'community', 'safety', 'open', 'spaces', 'business', 'travel', 'planning', 'workforce']);
