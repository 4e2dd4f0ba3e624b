/**
 * Words that change how likely a nearby item is to be personal. They are matched in a short window
 * of text before (and sometimes after) the item, never across the whole document.
 */

/** Words about the people research is done with: an item next to them is about a person. */
export const PARTICIPANT_CONTEXT =
  /\b(participants?|interviewees?|respondents?|residents?|tenants?|claimants?|service users?|patients?|clients?|carers?|parents?|applicants?|P\d{1,3}|home (?:address|phone|tel|number)|mobile|personal (?:email|phone|number)|next of kin|emergency contact)\b/i;

/** Words that say an item belongs to an office, a service or a public building, not a person. */
export const OFFICE_CONTEXT =
  /\b(council|office|offices|switchboard|help ?line|contact us|call us|phone us|ring us|email us|write to us|enquir(?:y|ies)|customer (?:services?|contact|service centre)|contact centre|reception|opening hours|monday|mon(?:day)?\s*[-–]\s*fri(?:day)?|lines are open|textphone|minicom|text ?relay|relay uk|typetalk|fax|department|service desk|helpdesk|call charges|freephone|out of hours|24 hours)\b/i;
