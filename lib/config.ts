import 'server-only';
import path from 'node:path';
import { z } from 'zod';

/**
 * The only reader of process.env. Every setting the hub understands is declared here,
 * validated once, and documented in README.md ("Configuration").
 *
 * Nothing set: the embedded defaults (PGlite and local disk under DATA_DIR).
 * DATABASE_URL set: Postgres through `pg`. S3_BUCKET set: files in S3-compatible storage.
 */

const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);
const optionalString = z.preprocess(emptyToUndefined, z.string().min(1).optional());
const booleanFlag = (fallback: boolean) =>
  z.preprocess(
    emptyToUndefined,
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
      .optional()
      .transform((value) => (value === undefined ? fallback : ['true', '1', 'yes'].includes(value))),
  );
const positiveInteger = (fallback: number) =>
  z.preprocess(
    emptyToUndefined,
    z.coerce.number({ message: 'must be a whole number' }).int('must be a whole number').positive('must be more than 0').default(fallback),
  );

const environmentSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('.data')),
    DATABASE_URL: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
        .optional(),
    ),
    DATABASE_POOL_SIZE: positiveInteger(10),
    S3_BUCKET: optionalString,
    S3_REGION: z.preprocess(emptyToUndefined, z.string().default('eu-west-2')),
    S3_ENDPOINT: z.preprocess(emptyToUndefined, z.url({ message: 'must be a URL such as https://s3.example.org' }).optional()),
    S3_ACCESS_KEY_ID: optionalString,
    S3_SECRET_ACCESS_KEY: optionalString,
    S3_FORCE_PATH_STYLE: booleanFlag(true),
    S3_PRESIGNED_URL_SECONDS: positiveInteger(60),
    MAX_UPLOAD_BYTES: positiveInteger(100 * 1024 * 1024),
    SEED_STARTER_KIT: booleanFlag(true),
  })
  .superRefine((env, ctx) => {
    if (env.S3_BUCKET && Boolean(env.S3_ACCESS_KEY_ID) !== Boolean(env.S3_SECRET_ACCESS_KEY)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.S3_ACCESS_KEY_ID ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID'],
        message: 'set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither (to use the AWS default credential chain)',
      });
    }
    if (!env.S3_BUCKET && (env.S3_ENDPOINT || env.S3_ACCESS_KEY_ID)) {
      ctx.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: 'is required when other S3_ settings are set' });
    }
  });

export type DatabaseConfig =
  | { driver: 'pglite'; dataDir: string }
  | { driver: 'pg'; url: string; poolSize: number };

export type StorageConfig =
  | { driver: 'local'; root: string }
  | {
      driver: 's3';
      bucket: string;
      region: string;
      endpoint?: string;
      forcePathStyle: boolean;
      credentials?: { accessKeyId: string; secretAccessKey: string };
      presignedUrlSeconds: number;
    };

export interface AppConfig {
  environment: 'development' | 'production' | 'test';
  dataDir: string;
  database: DatabaseConfig;
  storage: StorageConfig;
  maxUploadBytes: number;
  seedStarterKit: boolean;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Discovery Commons cannot start: fix these settings.\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses an environment (process.env by default). Throws ConfigError naming each bad variable. */
export function parseConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const result = environmentSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`));
  }
  const e = result.data;
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    environment: e.NODE_ENV,
    dataDir,
    database: e.DATABASE_URL
      ? { driver: 'pg', url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE }
      : { driver: 'pglite', dataDir: path.join(dataDir, 'pglite') },
    storage: e.S3_BUCKET
      ? {
          driver: 's3',
          bucket: e.S3_BUCKET,
          region: e.S3_REGION,
          endpoint: e.S3_ENDPOINT,
          forcePathStyle: e.S3_FORCE_PATH_STYLE,
          credentials:
            e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
              ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY }
              : undefined,
          presignedUrlSeconds: e.S3_PRESIGNED_URL_SECONDS,
        }
      : { driver: 'local', root: path.join(dataDir, 'files') },
    maxUploadBytes: e.MAX_UPLOAD_BYTES,
    seedStarterKit: e.SEED_STARTER_KIT,
  };
}

let cached: AppConfig | undefined;

/** The configuration of this process, read once. */
export function config(): AppConfig {
  cached ??= parseConfig();
  return cached;
}
