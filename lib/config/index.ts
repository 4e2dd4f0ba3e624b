import 'server-only';
import path from 'node:path';
import { z } from 'zod';

/**
 * The only reader of process.env. Every setting the hub understands is declared here,
 * validated once, and documented in README.md ("Configuration").
 *
 * Nothing set: the embedded defaults (PGlite and local disk under DATA_DIR).
 * DATABASE_URL set: Postgres through `pg`. S3_BUCKET set: files in S3-compatible storage.
 * Sign-in: SMTP_HOST set: email links sent by SMTP; ENTRA_* set: "Sign in with Microsoft". With neither,
 * outside production, email links are written to the server log so the quick start needs nothing.
 */

const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);
const optionalString = z.preprocess(emptyToUndefined, z.string().min(1).optional());
/**
 * The one boolean parser: true/false, 1/0 or yes/no. Without a fallback an unset value stays
 * undefined, for settings whose default depends on another (RUN_WORKER_IN_WEB, SMTP_SECURE).
 */
function booleanSetting(): z.ZodType<boolean | undefined>;
function booleanSetting(fallback: boolean): z.ZodType<boolean>;
function booleanSetting(fallback?: boolean): z.ZodType<boolean | undefined> {
  return z.preprocess(
    emptyToUndefined,
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
      .optional()
      .transform((value) => (value === undefined ? fallback : ['true', '1', 'yes'].includes(value))),
  );
}
const positiveInteger = (fallback: number) =>
  z.preprocess(
    emptyToUndefined,
    z.coerce.number({ message: 'must be a whole number' }).int('must be a whole number').positive('must be more than 0').default(fallback),
  );

/** pino's levels, most to least severe; `silent` writes nothing. */
export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

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
    // http(s) only: `localhost:9000` parses as a URL with the scheme "localhost:", and would fail later, obscurely.
    S3_ENDPOINT: z.preprocess(
      emptyToUndefined,
      z.url({ protocol: /^https?$/, message: 'must be a URL such as https://s3.example.org' }).optional(),
    ),
    S3_ACCESS_KEY_ID: optionalString,
    S3_SECRET_ACCESS_KEY: optionalString,
    S3_FORCE_PATH_STYLE: booleanSetting(true),
    S3_PRESIGNED_URL_SECONDS: positiveInteger(60),
    MAX_UPLOAD_BYTES: positiveInteger(100 * 1024 * 1024),
    SEED_STARTER_KIT: booleanSetting(true),
    NEXTAUTH_URL: z.preprocess(
      emptyToUndefined,
      z
        .url({ message: 'must be the address people use to reach the hub, such as https://hub.example.org' })
        .refine((value) => /^https?:\/\/[^/?#]+\/?$/.test(value), {
          message: 'must be the address people use to reach the hub, such as https://hub.example.org, with no path',
        })
        .optional(),
    ),
    AUTH_SECRET: optionalString,
    NEXTAUTH_SECRET: optionalString,
    SMTP_HOST: optionalString,
    SMTP_PORT: z.preprocess(
      emptyToUndefined,
      z.coerce.number({ message: 'must be a port number' }).int('must be a port number').min(1).max(65535).optional(),
    ),
    SMTP_USER: optionalString,
    SMTP_PASSWORD: optionalString,
    SMTP_FROM: optionalString,
    SMTP_SECURE: booleanSetting(),
    ENTRA_CLIENT_ID: optionalString,
    ENTRA_CLIENT_SECRET: optionalString,
    ENTRA_TENANT_ID: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^[A-Za-z0-9.-]+$/, 'must be a tenant id (a GUID), a domain, or organizations / common')
        .optional(),
    ),
    MEILI_HOST: z.preprocess(
      emptyToUndefined,
      z.url({ protocol: /^https?$/, message: 'must be a URL such as http://meilisearch:7700' }).optional(),
    ),
    MEILI_API_KEY: optionalString,
    MEILI_INDEX: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,200}$/, 'may use only letters, digits, - and _')
        .default('materials'),
    ),
    RUN_WORKER_IN_WEB: booleanSetting(),
    WORKER_CONCURRENCY: positiveInteger(1),
    PREVIEWS_LIBREOFFICE: z.preprocess(
      emptyToUndefined,
      z.enum(['auto', 'off'], { message: 'must be auto or off' }).default('auto'),
    ),
    SIGN_IN_LIMIT_PER_ADDRESS: positiveInteger(5),
    SIGN_IN_LIMIT_PER_NETWORK_ADDRESS: positiveInteger(20),
    API_RATE_LIMIT_PER_TOKEN: positiveInteger(600),
    API_RATE_LIMIT_PER_NETWORK_ADDRESS: positiveInteger(300),
    API_RATE_LIMIT_WINDOW_SECONDS: positiveInteger(60),
    HUB_OPERATOR_NAME: z.preprocess(emptyToUndefined, z.string().trim().min(1).max(200, 'must be 200 characters or fewer').optional()),
    SUPPORT_EMAIL: z.preprocess(emptyToUndefined, z.email({ message: 'must be an email address, such as support@hub.example.org' }).optional()),
    OPERATIONS_TOKEN: z.preprocess(
      emptyToUndefined,
      z.string().min(32, 'must be at least 32 characters (a long random string)').optional(),
    ),
    READY_MAX_QUEUED_JOBS: positiveInteger(10_000),
    LOG_LEVEL: z.preprocess(
      (value) => (typeof value === 'string' ? emptyToUndefined(value.trim().toLowerCase()) : value),
      z.enum(logLevels, { message: `must be one of ${logLevels.join(', ')}` }).default('info'),
    ),
    TRUSTED_PROXY_HOPS: z.preprocess(
      emptyToUndefined,
      z.coerce.number({ message: 'must be a whole number' }).int('must be a whole number').min(0, 'must be 0 or more').default(1),
    ),
  })
  .superRefine((env, ctx) => {
    if (env.S3_BUCKET && Boolean(env.S3_ACCESS_KEY_ID) !== Boolean(env.S3_SECRET_ACCESS_KEY)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.S3_ACCESS_KEY_ID ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID'],
        message: 'set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither (to use the AWS default credential chain)',
      });
    }
    if (!env.MEILI_HOST && env.MEILI_API_KEY) {
      ctx.addIssue({ code: 'custom', path: ['MEILI_HOST'], message: 'is required when MEILI_API_KEY is set' });
    }
    if (!env.S3_BUCKET && (env.S3_ENDPOINT || env.S3_ACCESS_KEY_ID || env.S3_SECRET_ACCESS_KEY)) {
      ctx.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: 'is required when other S3_ settings are set' });
    }
    checkSignInSettings(env, ctx);
  });

function checkSignInSettings(
  env: {
    NODE_ENV: string;
    NEXTAUTH_URL?: string;
    AUTH_SECRET?: string;
    NEXTAUTH_SECRET?: string;
    SMTP_HOST?: string;
    SMTP_USER?: string;
    SMTP_PASSWORD?: string;
    SMTP_FROM?: string;
    SMTP_PORT?: number;
    SMTP_SECURE?: boolean;
    ENTRA_CLIENT_ID?: string;
    ENTRA_CLIENT_SECRET?: string;
    ENTRA_TENANT_ID?: string;
  },
  ctx: z.RefinementCtx,
) {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  const secret = env.AUTH_SECRET ?? env.NEXTAUTH_SECRET;
  if (env.AUTH_SECRET && env.NEXTAUTH_SECRET && env.AUTH_SECRET !== env.NEXTAUTH_SECRET) {
    issue('AUTH_SECRET', 'and NEXTAUTH_SECRET are both set and differ: set one of them');
  }
  if (secret !== undefined && secret.length < 32) {
    issue(env.AUTH_SECRET ? 'AUTH_SECRET' : 'NEXTAUTH_SECRET', 'must be at least 32 characters (for example the output of `openssl rand -base64 32`)');
  }
  const smtpOthers = (['SMTP_PORT', 'SMTP_USER', 'SMTP_PASSWORD', 'SMTP_FROM', 'SMTP_SECURE'] as const).filter((k) => env[k] !== undefined);
  if (env.SMTP_HOST) {
    if (!env.SMTP_FROM) issue('SMTP_FROM', 'is required when SMTP_HOST is set, for example "Discovery Commons <no-reply@hub.example.org>"');
    if (Boolean(env.SMTP_USER) !== Boolean(env.SMTP_PASSWORD)) {
      issue(env.SMTP_USER ? 'SMTP_PASSWORD' : 'SMTP_USER', 'set both SMTP_USER and SMTP_PASSWORD, or neither');
    }
  } else if (smtpOthers.length) {
    issue('SMTP_HOST', `is required when other SMTP_ settings are set (${smtpOthers.join(', ')})`);
  }
  const entra = (['ENTRA_CLIENT_ID', 'ENTRA_CLIENT_SECRET', 'ENTRA_TENANT_ID'] as const).filter((k) => env[k] !== undefined);
  if (entra.length > 0 && entra.length < 3) {
    const missing = (['ENTRA_CLIENT_ID', 'ENTRA_CLIENT_SECRET', 'ENTRA_TENANT_ID'] as const).filter((k) => !entra.includes(k));
    issue(missing[0]!, `set ENTRA_CLIENT_ID, ENTRA_CLIENT_SECRET and ENTRA_TENANT_ID together (missing ${missing.join(', ')})`);
  }
  // `next build` runs with NODE_ENV=production but serves nobody: the running server checks these.
  if (env.NODE_ENV === 'production' && !isBuildPhase()) {
    if (!secret) issue('AUTH_SECRET', 'is required in production (or NEXTAUTH_SECRET): at least 32 random characters, kept secret');
    if (!env.NEXTAUTH_URL) issue('NEXTAUTH_URL', 'is required in production: the address people use to reach the hub, such as https://hub.example.org');
    if (!env.SMTP_HOST && entra.length < 3) {
      issue(
        'SMTP_HOST',
        'or ENTRA_CLIENT_ID, ENTRA_CLIENT_SECRET and ENTRA_TENANT_ID are required in production: nobody could sign in. ' +
          '(Writing sign-in links to the server log is only for development.)',
      );
    }
  }
}

function isBuildPhase(): boolean {
  return process.env.NEXT_PHASE === 'phase-production-build';
}

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

export interface SmtpConfig {
  host: string;
  port: number;
  /** TLS from the start (port 465). Otherwise STARTTLS is used when the server offers it. */
  secure: boolean;
  auth?: { user: string; pass: string };
  from: string;
}

export interface AuthConfig {
  /** The hub's own address (scheme, host and port), as people reach it: sign-in links point here. */
  url: string;
  /** Signs session and CSRF cookies and hashes sign-in tokens. Undefined outside production: the hub makes one in DATA_DIR. */
  secret: string | undefined;
  /**
   * How email sign-in links go out: by SMTP, or (outside production, with no SMTP set) written to the
   * server log. Null when email sign-in is off (production with Microsoft Entra ID only).
   */
  email: { transport: 'smtp'; smtp: SmtpConfig } | { transport: 'log' } | null;
  entra: { clientId: string; clientSecret: string; tenantId: string } | null;
  /** Email sign-in requests allowed per window, per address and per network address. */
  signInLimits: { perAddress: number; perNetworkAddress: number; windowMinutes: number };
  /** How many reverse proxies in front of the hub append to X-Forwarded-For. */
  trustedProxyHops: number;
}

/** Where search runs: the built-in Postgres engine, or a Meilisearch server (falling back to Postgres). */
export type SearchConfig = { engine: 'postgres' } | { engine: 'meilisearch'; host: string; apiKey?: string; index: string };

export interface JobsConfig {
  /**
   * Whether this web process also runs the background worker (text extraction, search sync).
   * Default: yes on the embedded database (PGlite is one process), no on Postgres, where
   * `npm run worker` processes do it.
   */
  runInWeb: boolean;
  /** Jobs one worker process runs at once, per queue. */
  concurrency: number;
  /**
   * Whether previews draw slides with LibreOffice where it is installed (PREVIEWS_LIBREOFFICE=auto,
   * the default) or always show presentations as outlines (off: faster, nothing extra installed).
   */
  previewSlidesWithLibreOffice: boolean;
}

/** Who runs this hub, for the service pages (privacy notice, accessibility statement, contact). */
export interface SiteConfig {
  /** The organisation that runs the hub, such as "Bristol City Council" (HUB_OPERATOR_NAME). */
  operatorName: string | undefined;
  /** Where people write for help (SUPPORT_EMAIL). */
  supportEmail: string | undefined;
}

export interface AppConfig {
  environment: 'development' | 'production' | 'test';
  dataDir: string;
  database: DatabaseConfig;
  storage: StorageConfig;
  search: SearchConfig;
  jobs: JobsConfig;
  maxUploadBytes: number;
  seedStarterKit: boolean;
  auth: AuthConfig;
  site: SiteConfig;
  operations: OperationsConfig;
  api: ApiConfig;
  /** The least severe log lines written (LOG_LEVEL, default info): JSON lines on standard output (lib/logging). */
  logLevel: LogLevel;
}

/** The JSON API's rate limits (lib/api/rate-limit.ts): requests a window, per token and per network address. */
export interface ApiConfig {
  rateLimits: { perToken: number; perNetworkAddress: number; windowSeconds: number };
}

export interface OperationsConfig {
  /**
   * Shows the details of /readyz (which part is down), and unlocks /metrics, for callers that send it
   * as a bearer token.
   */
  token?: string;
  /** /readyz says "unavailable" when more background jobs than this wait to run. */
  maxQueuedJobs: number;
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
    search: e.MEILI_HOST
      ? { engine: 'meilisearch', host: e.MEILI_HOST, apiKey: e.MEILI_API_KEY, index: e.MEILI_INDEX }
      : { engine: 'postgres' },
    jobs: {
      runInWeb: e.RUN_WORKER_IN_WEB ?? !e.DATABASE_URL,
      concurrency: e.WORKER_CONCURRENCY,
      previewSlidesWithLibreOffice: e.PREVIEWS_LIBREOFFICE === 'auto',
    },
    maxUploadBytes: e.MAX_UPLOAD_BYTES,
    seedStarterKit: e.SEED_STARTER_KIT,
    auth: authConfig(e),
    site: { operatorName: e.HUB_OPERATOR_NAME, supportEmail: e.SUPPORT_EMAIL },
    operations: { token: e.OPERATIONS_TOKEN, maxQueuedJobs: e.READY_MAX_QUEUED_JOBS },
    api: {
      rateLimits: {
        perToken: e.API_RATE_LIMIT_PER_TOKEN,
        perNetworkAddress: e.API_RATE_LIMIT_PER_NETWORK_ADDRESS,
        windowSeconds: e.API_RATE_LIMIT_WINDOW_SECONDS,
      },
    },
    logLevel: e.LOG_LEVEL,
  };
}

function authConfig(e: z.output<typeof environmentSchema>): AuthConfig {
  const port = e.SMTP_PORT ?? (e.SMTP_SECURE ? 465 : 587);
  const secure = e.SMTP_SECURE ?? port === 465;
  const email: AuthConfig['email'] = e.SMTP_HOST
    ? {
        transport: 'smtp',
        smtp: {
          host: e.SMTP_HOST,
          port,
          secure,
          auth: e.SMTP_USER && e.SMTP_PASSWORD ? { user: e.SMTP_USER, pass: e.SMTP_PASSWORD } : undefined,
          from: e.SMTP_FROM!,
        },
      }
    : e.NODE_ENV === 'production'
      ? null
      : { transport: 'log' };
  return {
    url: new URL(e.NEXTAUTH_URL ?? 'http://localhost:3000').origin,
    secret: e.AUTH_SECRET ?? e.NEXTAUTH_SECRET,
    email,
    entra:
      e.ENTRA_CLIENT_ID && e.ENTRA_CLIENT_SECRET && e.ENTRA_TENANT_ID
        ? { clientId: e.ENTRA_CLIENT_ID, clientSecret: e.ENTRA_CLIENT_SECRET, tenantId: e.ENTRA_TENANT_ID }
        : null,
    signInLimits: {
      perAddress: e.SIGN_IN_LIMIT_PER_ADDRESS,
      perNetworkAddress: e.SIGN_IN_LIMIT_PER_NETWORK_ADDRESS,
      windowMinutes: 15,
    },
    trustedProxyHops: e.TRUSTED_PROXY_HOPS,
  };
}

let cached: AppConfig | undefined;

/** The configuration of this process, read once. */
export function config(): AppConfig {
  cached ??= parseConfig();
  return cached;
}
