import { e2eDatabaseName, e2eMaxUploadBytes, productionPort, s3Port, smtpSinkPort } from './settings';

/**
 * The settings the browser tests' production server and worker run with (playwright.config.ts):
 * Postgres, S3 (s3rver) and SMTP (the sink). Here rather than in the config so that a spec can run one
 * of the hub's commands against the same hub (e2e/support/hub-command.ts), as an operator would.
 */
const postgres = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
export const e2eDatabaseUrl = Object.assign(new URL(postgres), { pathname: `/${e2eDatabaseName}` }).toString();
export const productionUrl = `http://127.0.0.1:${productionPort}`;

export const productionEnv = {
  DATABASE_URL: e2eDatabaseUrl,
  S3_BUCKET: 'discovery-commons-test',
  S3_ENDPOINT: `http://127.0.0.1:${s3Port}`,
  S3_ACCESS_KEY_ID: 'S3RVER',
  S3_SECRET_ACCESS_KEY: 'S3RVER',
  MAX_UPLOAD_BYTES: String(e2eMaxUploadBytes),
  NEXTAUTH_URL: productionUrl,
  NEXTAUTH_SECRET: 'e2e-only-secret-0123456789abcdefghijklmnopqrstuvwxyz',
  SMTP_HOST: '127.0.0.1',
  SMTP_PORT: String(smtpSinkPort),
  SMTP_SECURE: 'false',
  SMTP_FROM: 'Discovery Commons <no-reply@discovery-commons.test>',
  // Specs sign in as the same people many times in one run; the limits themselves are tested
  // in lib/auth/rate-limit-sign-in.test.ts and by e2e/sign-in.spec.ts against these values.
  SIGN_IN_LIMIT_PER_ADDRESS: '30',
  SIGN_IN_LIMIT_PER_NETWORK_ADDRESS: '5000',
};
