import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '.';

/** A value no message may ever repeat: if it shows up in an error, a secret has leaked into a log. */
const SECRET = 'sEcReT-wJalrXUtnFEMI-K7MDENG-bPxRfiCY-do-not-log';

/** The ConfigError parseConfig throws for `env` (failing the test if it does not throw one). */
function configError(env: Record<string, string | undefined>): ConfigError {
  let thrown: unknown;
  try {
    parseConfig(env);
  } catch (error) {
    thrown = error;
  }
  expect(thrown, `expected ${JSON.stringify(Object.keys(env))} to be refused`).toBeInstanceOf(ConfigError);
  return thrown as ConfigError;
}

describe('parseConfig', () => {
  describe('with nothing set', () => {
    const config = parseConfig({});

    it('runs embedded: PGlite under DATA_DIR/pglite and local files under DATA_DIR/files', () => {
      const dataDir = path.resolve('.data');
      expect(config.dataDir).toBe(dataDir);
      expect(config.database).toEqual({ driver: 'pglite', dataDir: path.join(dataDir, 'pglite') });
      expect(config.storage).toEqual({ driver: 'local', root: path.join(dataDir, 'files') });
    });

    it('allows uploads of up to 100 MB and seeds the starter kit', () => {
      expect(config.maxUploadBytes).toBe(100 * 1024 * 1024);
      expect(config.seedStarterKit).toBe(true);
      expect(config.environment).toBe('development');
    });
  });

  it('treats empty values as not set (as docker compose passes an unset ${VAR})', () => {
    const config = parseConfig({ DATA_DIR: '', DATABASE_URL: '', S3_BUCKET: '', S3_ENDPOINT: '', MAX_UPLOAD_BYTES: '' });
    expect(config.database.driver).toBe('pglite');
    expect(config.storage.driver).toBe('local');
    expect(config.maxUploadBytes).toBe(100 * 1024 * 1024);
  });

  it('keeps everything under DATA_DIR', () => {
    const config = parseConfig({ DATA_DIR: '/srv/discovery-commons' });
    expect(config.dataDir).toBe(path.resolve('/srv/discovery-commons'));
    expect(config.database).toEqual({ driver: 'pglite', dataDir: path.join(path.resolve('/srv/discovery-commons'), 'pglite') });
    expect(config.storage).toEqual({ driver: 'local', root: path.join(path.resolve('/srv/discovery-commons'), 'files') });
  });

  it.each(['postgres://hub:pw@db.internal:5432/commons', 'postgresql://hub@db.internal/commons?sslmode=require'])(
    'switches to Postgres when DATABASE_URL is set (%s)',
    (url) => {
      expect(parseConfig({ DATABASE_URL: url }).database).toEqual({ driver: 'pg', url, poolSize: 10 });
      expect(parseConfig({ DATABASE_URL: url, DATABASE_POOL_SIZE: '3' }).database).toEqual({ driver: 'pg', url, poolSize: 3 });
    },
  );

  it('switches to S3 when S3_BUCKET is set, in eu-west-2 unless told otherwise', () => {
    expect(parseConfig({ S3_BUCKET: 'dc-files' }).storage).toEqual({
      driver: 's3',
      bucket: 'dc-files',
      region: 'eu-west-2',
      endpoint: undefined,
      forcePathStyle: true,
      credentials: undefined, // the AWS default credential chain
      presignedUrlSeconds: 60,
    });
  });

  it('passes on every S3 setting', () => {
    const storage = parseConfig({
      S3_BUCKET: 'dc-files',
      S3_REGION: 'eu-west-1',
      S3_ENDPOINT: 'http://minio:9000',
      S3_ACCESS_KEY_ID: 'AKIAEXAMPLE',
      S3_SECRET_ACCESS_KEY: SECRET,
      S3_FORCE_PATH_STYLE: 'false',
      S3_PRESIGNED_URL_SECONDS: '30',
    }).storage;
    expect(storage).toEqual({
      driver: 's3',
      bucket: 'dc-files',
      region: 'eu-west-1',
      endpoint: 'http://minio:9000',
      forcePathStyle: false,
      credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: SECRET },
      presignedUrlSeconds: 30,
    });
  });

  it('reads the health check settings: no operator token and 10,000 waiting jobs unless told', () => {
    expect(parseConfig({}).operations).toEqual({ token: undefined, maxQueuedJobs: 10_000 });
    const token = 'a'.repeat(32);
    expect(parseConfig({ OPERATIONS_TOKEN: token, READY_MAX_QUEUED_JOBS: '50' }).operations).toEqual({ token, maxQueuedJobs: 50 });
  });

  it('reads LOG_LEVEL: info unless told, any of pino\'s levels, in any case', () => {
    expect(parseConfig({}).logLevel).toBe('info');
    expect(parseConfig({ LOG_LEVEL: '' }).logLevel).toBe('info');
    expect(parseConfig({ LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
    expect(parseConfig({ LOG_LEVEL: ' WARN ' }).logLevel).toBe('warn');
    expect(parseConfig({ LOG_LEVEL: 'silent' }).logLevel).toBe('silent');
  });

  it('reads MAX_UPLOAD_BYTES and SEED_STARTER_KIT', () => {
    const config = parseConfig({ MAX_UPLOAD_BYTES: '1048576', SEED_STARTER_KIT: 'no' });
    expect(config.maxUploadBytes).toBe(1048576);
    expect(config.seedStarterKit).toBe(false);
  });

  describe('refuses bad settings with a ConfigError naming the variable', () => {
    it.each<[string, Record<string, string>, string]>([
      ['a MySQL DATABASE_URL', { DATABASE_URL: 'mysql://hub:pw@db/commons' }, 'DATABASE_URL must start with postgres:// or postgresql://'],
      ['a DATABASE_URL that is not a URL', { DATABASE_URL: 'db.internal:5432' }, 'DATABASE_URL must start with postgres://'],
      ['MAX_UPLOAD_BYTES with a unit', { MAX_UPLOAD_BYTES: '100MB' }, 'MAX_UPLOAD_BYTES must be a whole number'],
      ['MAX_UPLOAD_BYTES in words', { MAX_UPLOAD_BYTES: 'lots' }, 'MAX_UPLOAD_BYTES must be a whole number'],
      ['a fractional MAX_UPLOAD_BYTES', { MAX_UPLOAD_BYTES: '1.5' }, 'MAX_UPLOAD_BYTES must be a whole number'],
      ['a zero MAX_UPLOAD_BYTES', { MAX_UPLOAD_BYTES: '0' }, 'MAX_UPLOAD_BYTES must be more than 0'],
      ['a negative MAX_UPLOAD_BYTES', { MAX_UPLOAD_BYTES: '-1' }, 'MAX_UPLOAD_BYTES must be more than 0'],
      ['a DATABASE_POOL_SIZE in words', { DATABASE_POOL_SIZE: 'ten' }, 'DATABASE_POOL_SIZE must be a whole number'],
      [
        'S3_ACCESS_KEY_ID without the secret',
        { S3_BUCKET: 'dc-files', S3_ACCESS_KEY_ID: 'AKIAEXAMPLE' },
        'S3_SECRET_ACCESS_KEY set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY',
      ],
      [
        'S3_SECRET_ACCESS_KEY without the key id',
        { S3_BUCKET: 'dc-files', S3_SECRET_ACCESS_KEY: SECRET },
        'S3_ACCESS_KEY_ID set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY',
      ],
      ['S3_ENDPOINT without S3_BUCKET', { S3_ENDPOINT: 'https://s3.example.org' }, 'S3_BUCKET is required when other S3_ settings are set'],
      ['S3 keys without S3_BUCKET', { S3_ACCESS_KEY_ID: 'AKIAEXAMPLE', S3_SECRET_ACCESS_KEY: SECRET }, 'S3_BUCKET is required'],
      ['only S3_SECRET_ACCESS_KEY', { S3_SECRET_ACCESS_KEY: SECRET }, 'S3_BUCKET is required'],
      ['an S3_ENDPOINT that is not a URL', { S3_BUCKET: 'dc-files', S3_ENDPOINT: 'not a url' }, 'S3_ENDPOINT must be a URL'],
      ['an S3_ENDPOINT with no scheme', { S3_BUCKET: 'dc-files', S3_ENDPOINT: 's3.example.org' }, 'S3_ENDPOINT must be a URL'],
      ['an S3_ENDPOINT of host:port', { S3_BUCKET: 'dc-files', S3_ENDPOINT: 'localhost:9000' }, 'S3_ENDPOINT must be a URL'],
      ['an S3_ENDPOINT that is not http(s)', { S3_BUCKET: 'dc-files', S3_ENDPOINT: 'ftp://s3.example.org' }, 'S3_ENDPOINT must be a URL'],
      ['a SEED_STARTER_KIT that is not a yes or no', { SEED_STARTER_KIT: 'maybe' }, 'SEED_STARTER_KIT must be true or false'],
      ['an OPERATIONS_TOKEN too short to be secret', { OPERATIONS_TOKEN: 'letmein' }, 'OPERATIONS_TOKEN must be at least 32 characters'],
      ['a LOG_LEVEL pino does not have', { LOG_LEVEL: 'verbose' }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent'],
    ])('%s', (_case, env, expected) => {
      const error = configError(env);
      expect(error.problems.some((problem) => problem.startsWith(expected))).toBe(true);
      expect(error.message).toContain(expected);
      expect(error.message).toMatch(/^Discovery Commons cannot start: fix these settings\.\n {2}- /);
    });

    it('lists every bad value at once, one a line', () => {
      // (Settings that only make sense together, such as S3_ENDPOINT without S3_BUCKET, are checked once
      // each value is good on its own.)
      const error = configError({ DATABASE_URL: 'mysql://db', MAX_UPLOAD_BYTES: 'big', S3_ENDPOINT: 'localhost:9000' });
      expect(error.problems.map((problem) => problem.split(' ')[0]).sort()).toEqual(['DATABASE_URL', 'MAX_UPLOAD_BYTES', 'S3_ENDPOINT']);
      expect(error.message.split('\n').filter((line) => line.startsWith('  - '))).toHaveLength(error.problems.length);
    });
  });

  describe('never echoes a secret or a bad value in its message', () => {
    it.each<[string, Record<string, string>]>([
      ['a bad S3_ENDPOINT', { S3_BUCKET: 'dc-files', S3_ACCESS_KEY_ID: 'AKIAEXAMPLE', S3_ENDPOINT: `https://${SECRET}@` }],
      ['a secret with no key id', { S3_BUCKET: 'dc-files', S3_SECRET_ACCESS_KEY: SECRET }],
      ['a secret with no bucket', { S3_SECRET_ACCESS_KEY: SECRET, S3_ACCESS_KEY_ID: 'AKIAEXAMPLE' }],
      ['a secret beside another bad setting', { S3_BUCKET: 'dc-files', S3_ACCESS_KEY_ID: 'AKIAEXAMPLE', S3_SECRET_ACCESS_KEY: SECRET, MAX_UPLOAD_BYTES: 'x' }],
      ['a DATABASE_URL carrying a password', { DATABASE_URL: `mysql://hub:${SECRET}@db/commons` }],
      ['a non-numeric pool size next to a password', { DATABASE_URL: `postgres://hub:${SECRET}@db/commons`, DATABASE_POOL_SIZE: SECRET }],
    ])('%s', (_case, env) => {
      const error = configError(env);
      expect(error.message).not.toContain(SECRET);
      expect(error.problems.join('\n')).not.toContain(SECRET);
      expect(String(error.stack)).not.toContain(SECRET);
      expect(JSON.stringify(error)).not.toContain(SECRET);
    });
  });
});

describe('who runs the hub', () => {
  it('is unset by default, and read from HUB_OPERATOR_NAME and SUPPORT_EMAIL', () => {
    expect(parseConfig({}).site).toEqual({ operatorName: undefined, supportEmail: undefined });
    expect(parseConfig({ HUB_OPERATOR_NAME: ' Bristol City Council ', SUPPORT_EMAIL: 'hub@bristol.gov.uk' }).site).toEqual({
      operatorName: 'Bristol City Council',
      supportEmail: 'hub@bristol.gov.uk',
    });
  });

  it('refuses a support address that is not one', () => {
    expect(configError({ SUPPORT_EMAIL: 'the hub team' }).problems).toEqual(['SUPPORT_EMAIL must be an email address, such as support@hub.example.org']);
  });
});
