/** One option a form offers (a radio, a checkbox or a select's option): what is sent, and what is shown. */
export interface Choice {
  value: string;
  label: string;
}
