import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

// Resolved from this file rather than the working directory, so that a script started from
// elsewhere still finds the same cluster under the project. (Not `new URL('..', import.meta.url)`:
// bundlers read that as an asset to bundle.)
const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const ZPort = z.coerce.number().int().min(1).max(65535);
const ZFlagValue = z.enum(['true', 'false', '1', '0']);
const isOn = (value: z.infer<typeof ZFlagValue>) => value === 'true' || value === '1';
const flag = (fallback: 'true' | 'false') => ZFlagValue.default(fallback).transform(isOn);

const ZEnv = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: ZPort.default(3000),
    /** Unset means "use the embedded cluster": the launcher starts it and sets this variable. */
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    DATABASE_POOL_SIZE: z.coerce.number().int().positive().default(10),
    /**
     * Prepare each statement once per connection (named statements) rather than on every call.
     * `false` for a pooler that cannot keep them, such as PgBouncer before 1.21 in transaction mode.
     */
    DATABASE_PREPARED_STATEMENTS: flag('true'),
    /**
     * How long a serving process may remember who is behind a credential (lib/auth/caller-cache.ts);
     * a revocation ends it at once all the same. `0` asks the database on every request.
     */
    CALLER_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
    EMBEDDED_PG_PORT: ZPort.default(54329),
    /** Port of the embedded cluster the database tests start, so two checkouts can test side by side. */
    TEST_PG_PORT: ZPort.default(54330),
    /** Ports of the embedded cluster and the production server `npm run bench` starts for itself. */
    BENCH_PG_PORT: ZPort.default(54332),
    BENCH_PORT: ZPort.default(3400),
    /** Set when a reverse proxy in front of the app sets X-Forwarded-For: only then is it believed. */
    TRUST_PROXY: flag('false'),
    /**
     * Set by the launcher on the embedded database (or with `--demo`): only then does the sign-in
     * page point to the demo's published logins.
     */
    DEMO_MODE: flag('false'),
    /** Set by Next.js; `phase-production-build` while `next build` runs. */
    NEXT_PHASE: z.string().optional(),
    /** `off` stops this instance from sending webhooks; the other instances still do. */
    DISPATCHER: z.enum(['on', 'off']).default('on'),
    /**
     * Lets webhook endpoints point at loopback, private and link-local addresses. Unset means
     * refused, except that the launcher sets it for `npm run dev` and the demo, whose receiver runs
     * on this machine (see `privateWebhookUrlsDefault`).
     */
    WEBHOOK_ALLOW_PRIVATE_URLS: ZFlagValue.transform(isOn).optional(),
    DATA_DIR: z
      .string()
      .default(path.join(PROJECT_ROOT, '.data'))
      .transform((dir) => path.resolve(PROJECT_ROOT, dir)),
    /** Where uploaded files' bytes live: in PostgreSQL (the default) or in S3-compatible storage. */
    FILE_STORAGE: z.enum(['postgres', 's3']).default('postgres'),
    /** The bucket, for FILE_STORAGE=s3 (required there). */
    S3_BUCKET: z.string().optional(),
    S3_REGION: z.string().default('us-east-1'),
    /** An S3-compatible service's URL (MinIO, R2, …); unset means AWS itself. */
    S3_ENDPOINT: z.url().optional(),
    /** Both or neither; without them the AWS SDK's own chain (environment, profile, instance role) applies. */
    S3_ACCESS_KEY_ID: z.string().optional(),
    S3_SECRET_ACCESS_KEY: z.string().optional(),
    /** `bucket` in the path rather than the host name, as MinIO and most self-hosted services want. */
    S3_FORCE_PATH_STYLE: flag('false'),
    /** Prepended to every object key, to share a bucket. */
    S3_PREFIX: z.string().default('review-inbox/files/'),
  })
  .superRefine((value, context) => {
    if (value.FILE_STORAGE === 's3' && !value.S3_BUCKET) {
      context.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: 'FILE_STORAGE=s3 needs S3_BUCKET' });
    }
    if (Boolean(value.S3_ACCESS_KEY_ID) !== Boolean(value.S3_SECRET_ACCESS_KEY)) {
      context.addIssue({
        code: 'custom',
        path: ['S3_SECRET_ACCESS_KEY'],
        message: 'set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither',
      });
    }
  });

export type Env = z.infer<typeof ZEnv>;

let parsed: Env | undefined;

function parseEnv(): Env {
  // `.env` files and CI settings often hold `NAME=` to mean "not set".
  const given = Object.fromEntries(
    Object.entries(process.env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = ZEnv.safeParse(given);
  if (!result.success) {
    throw new Error(`Invalid environment variables:\n${z.prettifyError(result.error)}`);
  }
  return result.data;
}

/**
 * The validated environment. It is parsed on first read, not at import, so that a test or a
 * launcher can still set variables after importing modules that depend on it.
 */
export const env: Readonly<Env> = new Proxy({} as Env, {
  get(_target, key) {
    parsed ??= parseEnv();
    return Reflect.get(parsed, key);
  },
});

/**
 * Points this process (and the processes it starts) at a database chosen at run time, such as an
 * embedded cluster a script just started. Call it before the first query.
 */
export function setDatabaseUrl(url: string): void {
  process.env.DATABASE_URL = url;
  reloadEnv();
}

/** Makes the next read parse process.env again, for tests that change a variable. */
export function reloadEnv(): void {
  parsed = undefined;
}
