/**
 * Security checks derived from the OpenAPI document (issue 12), so that a route added to the
 * registry is covered without touching this file: every role against every route as its `x-roles`
 * declare, every route given another organization's ids, every kind of dead or broken credential,
 * secrets that never come back after creation nor reach the server's log, and snapshot text that
 * never runs as script in the review page.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type pg from 'pg';
import { SESSION_COOKIE } from '../lib/auth/credentials';
import { ROLES } from '../lib/domain/enums';
import type { OpenApiDocument } from '../lib/openapi/document';
import { fillPath, type Operation, operationsOf } from './fuzz/operations';
import { type RawResponse, sendRaw } from './fuzz/raw-http';
import { connect, createTenant, insertSession, type Tenant } from './fuzz/tenants';
import { signIn } from './helpers';
import { openReviewGate } from './review-helpers';
import { serverState } from './server-state';

let db: pg.Client;
let base: URL;
let document: OpenApiDocument;
let operations: Operation[];
let own: Tenant;
let other: Tenant;

test.beforeAll(async ({ baseURL }) => {
  base = new URL(baseURL ?? '');
  db = await connect(serverState().databaseUrl);
  document = (await (await fetch(new URL('/v1/openapi.json', base))).json()) as OpenApiDocument;
  operations = operationsOf(document);
  const suffix = Date.now().toString(36);
  own = await createTenant(db, base, document, `sec-a-${suffix}`);
  other = await createTenant(db, base, document, `sec-b-${suffix}`);
});

test.afterAll(async () => {
  await db?.end();
});

/** A call of `operation` with its documented example body, the given ids and credential headers. */
function call(operation: Operation, ids: Record<string, string>, headers: [string, string][]): Promise<RawResponse> {
  const query = operation.query.some((parameter) => parameter.required) ? '?format=json' : '';
  const body = operation.body ? Buffer.from(JSON.stringify(operation.bodyExample ?? {})) : undefined;
  return sendRaw(base, {
    method: operation.method,
    target: fillPath(operation.path, ids) + query,
    headers: [
      ['origin', base.origin],
      ...(body ? ([['content-type', 'application/json']] as [string, string][]) : []),
      ...headers,
    ],
    body,
  });
}

const missingIds = { run_id: 'no_such_run', block_id: 'no_such_block', id: 'no_such_id' };
const label = (operation: Operation) => `${operation.method} ${operation.path}`;
const codeOf = (response: RawResponse) =>
  response.headers['content-type']?.startsWith('application/json')
    ? (JSON.parse(response.body.toString('utf8')) as { detail?: { code?: string } }).detail?.code
    : undefined;

test('every role gets what the route declares: 401 without a credential, 403 outside its roles', async () => {
  const seen: string[] = [];
  for (const operation of operations) {
    // Named things do not exist, so a caller the role check lets through meets a 404 or a 422
    // and changes nothing it could need later.
    const anonymous = await call(operation, missingIds, []);
    if (operation.roles.length === 0) {
      // A public route may still refuse what it is sent (sign-in: 401 for a wrong password).
      expect(codeOf(anonymous), `${label(operation)} is public`).not.toBe('forbidden');
    } else {
      expect(anonymous.status, `${label(operation)} without a credential`).toBe(401);
    }
    for (const role of ROLES) {
      const response = await call(operation, missingIds, [['api-key', own.keys[role]]]);
      const where = `${label(operation)} as ${role}`;
      expect(response.status, where).toBeLessThan(500);
      if (operation.roles.length === 0) {
        expect(codeOf(response), where).not.toBe('forbidden');
      } else if (operation.roles.includes(role)) {
        expect([401, 403], where).not.toContain(response.status);
      } else {
        expect(response.status, where).toBe(403);
        expect(codeOf(response), where).toBe('forbidden');
      }
    }
    seen.push(label(operation));
  }
  expect(seen.length).toBe(operations.length);
});

test('another organization’s ids are a 404 on every route that takes an id, and never listed', async () => {
  const withIds = operations.filter((operation) => operation.pathParams.length > 0 && operation.roles.length > 0);
  expect(withIds.length).toBeGreaterThan(0);
  const [theirGate] = other.gates;
  if (!theirGate) throw new Error('the other organization opened no gate');
  for (const operation of withIds) {
    const role = operation.roles.includes('admin') ? 'admin' : (operation.roles[0] as (typeof ROLES)[number]);
    // Every id the other organization owns, whatever its kind: none may be found from here.
    for (const id of operation.pathParams.includes('id') ? other.ids : [theirGate.runId]) {
      const ids = { run_id: theirGate.runId, block_id: theirGate.blockId, id };
      const response = await call(operation, ids, [['api-key', own.keys[role]]]);
      expect(response.status, `${label(operation)} with ${id} of another organization`).toBe(404);
    }
  }
  const lists = operations.filter((operation) => operation.method === 'GET' && operation.pathParams.length === 0);
  for (const operation of lists) {
    const response = await call(operation, {}, [['api-key', own.keys.admin]]);
    const text = response.body.toString('utf8');
    // Model ids name the same model in every organization; only what is the other's alone counts.
    const theirsAlone = other.ids.filter((id) => !own.ids.includes(id));
    for (const id of [...theirsAlone, other.organizationId, ...other.gates.map((gate) => gate.runId)]) {
      expect(text.includes(id), `${label(operation)} lists ${id} of another organization`).toBe(false);
    }
  }
});

test('dead and broken credentials are 401 on every route that needs one', async () => {
  const { rows } = await db.query<{ id: string }>(
    "SELECT actor_id AS id FROM api_keys WHERE organization_id = $1 AND name LIKE '% lead'",
    [own.organizationId],
  );
  const leadPk = rows[0]?.id as string;
  const revokedKey = `rik_${Date.now().toString(36)}revoked`;
  await db.query(
    `INSERT INTO api_keys (organization_id, actor_id, name, prefix, key_hash, revoked_at)
     VALUES ($1, $2, 'revoked', $3, encode(sha256(convert_to($4, 'UTF8')), 'hex'), now())`,
    [own.organizationId, leadPk, revokedKey.slice(0, 12), revokedKey],
  );
  const expired = await insertSession(db, leadPk, { expiresInSeconds: -60 });
  // Signed out through the API, as the browser does it.
  const signedIn = await fetch(new URL('/v1/auth/sign-in', base), {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base.origin },
    body: JSON.stringify(own.person),
  });
  expect(signedIn.status).toBe(200);
  const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const signedOut = await fetch(new URL('/v1/auth/sign-out', base), {
    method: 'POST',
    headers: { cookie, origin: base.origin },
  });
  expect(signedOut.status).toBeLessThan(300);

  const credentials: Record<string, [string, string][]> = {
    'no credential': [],
    'an empty key': [['api-key', ' ']],
    'a malformed bearer': [['authorization', 'Bearer a b c']],
    'a key that was never issued': [['api-key', 'rik_neverissued0000000000000000000000000000']],
    'a revoked key': [['api-key', revokedKey]],
    'an expired session': [['cookie', `${SESSION_COOKIE}=${expired}`]],
    'a signed-out session': [['cookie', cookie]],
    'a cookie that is not percent-encoding': [['cookie', `${SESSION_COOKIE}=%E0%A4%A`]],
    'a cookie header of garbage': [['cookie', `;;=;${SESSION_COOKIE}`]],
  };
  const guarded = operations.filter((operation) => operation.roles.length > 0);
  for (const operation of guarded) {
    for (const [name, headers] of Object.entries(credentials)) {
      const response = await call(operation, missingIds, headers);
      expect(response.status, `${label(operation)} with ${name}`).toBe(401);
      expect(codeOf(response), `${label(operation)} with ${name}`).toBe('unauthenticated');
    }
  }
});

test('keys, webhook secrets, session tokens and passwords never come back nor reach the log', async () => {
  const admin: [string, string][] = [['api-key', own.keys.admin]];
  const created = await fetch(new URL('/v1/api-keys', base), {
    method: 'POST',
    headers: { 'api-key': own.keys.admin, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'shown once', kind: 'agent', role: 'integration' }),
  });
  expect(created.status).toBe(201);
  const newKey = String(((await created.json()) as { key?: string }).key);
  expect(newKey).toMatch(/^rik_/);
  const secrets = [...own.secrets, ...other.secrets, newKey].filter((secret) => secret.length > 8);
  // Every GET route, with real ids of the organization: nothing it answers may hold a secret.
  const [gate] = own.gates;
  const gets = operations.filter((operation) => operation.method === 'GET' && operation.roles.length > 0);
  const ids = own.ids.length > 0 ? own.ids : ['none'];
  for (const operation of gets) {
    for (const id of operation.pathParams.includes('id') ? ids : ['none']) {
      const response = await call(operation, { run_id: gate?.runId ?? '', block_id: gate?.blockId ?? '', id }, admin);
      const text = response.body.toString('utf8');
      for (const secret of secrets) {
        expect(text.includes(secret), `${label(operation)} (${id}) shows a secret`).toBe(false);
      }
    }
  }
  const log = readFileSync(serverState().logFile, 'utf8');
  expect(log.length).toBeGreaterThan(0);
  for (const secret of secrets) {
    expect(log.includes(secret), 'the server log holds a secret').toBe(false);
  }
});

test('markup in a snapshot is shown as text in the review page, never run', async ({ page }) => {
  const payloads = {
    '<img src=x onerror="window.__xss = 1">': '<script>window.__xss = 2</script>',
    vendor: '<img src=x onerror="window.__xss = 3">',
    notes: ['<svg onload="window.__xss = 4"></svg>', 'javascript:window.__xss = 5'],
  };
  const gate = await openReviewGate(page.request, { modelOutput: payloads });
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await signIn(page, 'dana');
  await page.goto(gate.url);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(gate.blockId, { timeout: 30_000 });
  await page.waitForLoadState('load');
  // The editor holds the snapshot as JSON text; the rest of the page shows its values as text.
  const editor = await page
    .locator('textarea')
    .evaluateAll((areas) => areas.map((area) => (area as HTMLTextAreaElement).value).join('\n'));
  expect(editor + ((await page.locator('body').textContent()) ?? '')).toContain('<script>window.__xss = 2</script>');
  expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
  expect(await page.locator('img[src="x"], svg[onload]').count()).toBe(0);
  expect(dialogs).toEqual([]);
});
