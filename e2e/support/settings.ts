/** The size limit the browser tests' server runs with, small so "one byte over" is quick to send. */
export const e2eMaxUploadBytes = 5 * 1024 * 1024;

/**
 * Where the browser tests' servers listen, and their database. E2E_PORT_OFFSET moves every port (and
 * names a database of its own), so two checkouts of the hub on one machine can run their browser tests
 * at the same time without meeting.
 */
const offset = Number(process.env.E2E_PORT_OFFSET || 0);
export const productionPort = 3300 + offset;
export const quickStartPort = 3301 + offset;
export const s3Port = 4569 + offset;
export const smtpSinkPort = 4525 + offset;
export const smtpSinkHttpPort = 4526 + offset;
export const e2eDatabaseName = offset ? `dc_e2e_${offset}` : 'dc_e2e';
export const baseURL = `http://127.0.0.1:${productionPort}`;
