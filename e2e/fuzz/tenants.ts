/**
 * Organizations of their own for the fuzzer and the security tests, so that what they do never
 * touches the demo organization the browser tests use: a person (or agent) of every role with an
 * API key and a session, and, opened through the API, review gates, a webhook endpoint and its
 * deliveries. Ids of every kind are gathered so that paths can name real things, of this
 * organization or of another.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { generateApiKey, hashApiKey } from '../../lib/auth/api-keys';
import { hashPassword } from '../../lib/auth/passwords';
import { ROLES, type Role } from '../../lib/domain/enums';
import type { OpenApiDocument } from '../../lib/openapi/document';

export interface Tenant {
  slug: string;
  organizationId: string;
  /** A raw API key per role. */
  keys: Record<Role, string>;
  /** A raw session token per person role (integrations are agents and never sign in). */
  sessions: Partial<Record<Role, string>>;
  /** A signed-in person's email and password, for the sign-in routes. */
  person: { email: string; password: string };
  gates: { runId: string; blockId: string }[];
  /** Public ids of every kind this organization owns: keys, actors, endpoints, deliveries. */
  ids: string[];
  /** Every secret made for this tenant: none may ever show up in a log. */
  secrets: string[];
}

const PERSON_KINDS: Record<Role, 'human' | 'agent'> = {
  reviewer: 'human',
  lead: 'human',
  admin: 'human',
  integration: 'agent',
};

async function insertActor(
  db: pg.Client,
  organizationId: string,
  slug: string,
  { role, name = role, passwordHash }: { role: Role; name?: string; passwordHash?: string },
) {
  const email = `${name}@${slug}.test`;
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO actors (organization_id, public_id, kind, display_name, role, email, password_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [organizationId, `act_${slug}_${name}`, PERSON_KINDS[role], `${slug} ${name}`, role, email, passwordHash ?? null],
  );
  return { pk: (rows[0] as { id: string }).id, email };
}

async function insertKey(db: pg.Client, organizationId: string, actorPk: string, name: string): Promise<string> {
  const { key, prefix, keyHash } = generateApiKey();
  await db.query(
    'INSERT INTO api_keys (organization_id, actor_id, name, prefix, key_hash) VALUES ($1, $2, $3, $4, $5)',
    [organizationId, actorPk, name, prefix, keyHash],
  );
  return key;
}

/** A session row as sign-in makes it; `expiresIn` may be negative, `revoked` ends it as sign-out does. */
export async function insertSession(
  db: pg.Client,
  actorPk: string,
  { expiresInSeconds = 3600, revoked = false } = {},
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.query(
    `INSERT INTO sessions (actor_id, token_hash, expires_at, revoked_at)
     VALUES ($1, $2, now() + make_interval(secs => $3), CASE WHEN $4 THEN now() END)`,
    [actorPk, hashApiKey(token), expiresInSeconds, revoked],
  );
  return token;
}

async function post(base: URL, path: string, key: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(new URL(path, base), {
    method: 'POST',
    headers: { 'api-key': key, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`setup: POST ${path} answered ${response.status} ${JSON.stringify(json)}`);
  return json;
}

export async function createTenant(db: pg.Client, base: URL, document: OpenApiDocument, slug: string): Promise<Tenant> {
  const { rows } = await db.query<{ id: string }>(
    'INSERT INTO organizations (slug, name) VALUES ($1, $1) RETURNING id',
    [slug],
  );
  const organizationId = (rows[0] as { id: string }).id;
  const password = `pw-${randomBytes(12).toString('base64url')}`;
  const passwordHash = await hashPassword(password);
  const keys = {} as Record<Role, string>;
  const sessions: Partial<Record<Role, string>> = {};
  let personEmail = '';
  for (const role of ROLES) {
    const actor = await insertActor(db, organizationId, slug, {
      role,
      passwordHash: role === 'reviewer' ? passwordHash : undefined,
    });
    keys[role] = await insertKey(db, organizationId, actor.pk, `${slug} ${role}`);
    if (PERSON_KINDS[role] === 'human') sessions[role] = await insertSession(db, actor.pk);
    if (role === 'reviewer') personEmail = actor.email;
  }
  // Things a route may name by id, which no credential above depends on: revoking or disabling
  // them leaves the fuzzer's own access alone.
  const spare = await insertActor(db, organizationId, slug, { role: 'reviewer', name: 'spare' });
  const spareKey = await insertKey(db, organizationId, spare.pk, `${slug} spare`);

  const endpoint = await post(base, '/v1/webhook-endpoints', keys.admin, {
    url: 'http://127.0.0.1:9/hooks',
    event_types: ['review.opened'],
  });
  const openGate =
    document.paths['/v1/workflows/reviews']?.post?.requestBody?.content['application/json']?.example ?? {};
  const gates: Tenant['gates'] = [];
  for (const n of [1, 2, 3]) {
    const runId = `run_${slug}_${n}`;
    await post(base, '/v1/workflows/reviews', keys.integration, { ...openGate, workflow_run_id: runId });
    gates.push({ runId, blockId: String(openGate.block_id) });
  }
  const { rows: idRows } = await db.query<{ id: string }>(
    `SELECT public_id AS id FROM api_keys WHERE organization_id = $1
     UNION ALL SELECT public_id FROM actors WHERE organization_id = $1
     UNION ALL SELECT id FROM webhook_endpoints WHERE organization_id = $1
     UNION ALL SELECT d.id FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
                WHERE e.organization_id = $1`,
    [organizationId],
  );
  return {
    slug,
    organizationId,
    keys,
    sessions,
    person: { email: personEmail, password },
    gates,
    ids: idRows.map((row) => row.id),
    secrets: [...Object.values(keys), ...Object.values(sessions), password, String(endpoint.secret), spareKey],
  };
}

export async function connect(databaseUrl: string): Promise<pg.Client> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  return db;
}
