/** The feedback form's limits, shared by the form, the domain and the privacy notice. Safe to import anywhere. */
export const FEEDBACK_MAX_LENGTH = 2000;
/** Feedback is deleted after this many months (the privacy notice says so). */
export const FEEDBACK_KEPT_MONTHS = 12;
/** At most this many messages from one network address (IPv6: one /64) in an hour… */
export const FEEDBACK_PER_NETWORK_PER_HOUR = 5;
/** …and this many from everyone together, so a flood from many addresses cannot fill the table. */
export const FEEDBACK_PER_HOUR = 200;
export const tooMuchFeedbackMessage = 'You have sent a lot of feedback in the last hour. Wait an hour, then try again.';
