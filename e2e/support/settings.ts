/** The size limit the browser tests' server runs with, small so "one byte over" is quick to send. */
export const e2eMaxUploadBytes = 5 * 1024 * 1024;
