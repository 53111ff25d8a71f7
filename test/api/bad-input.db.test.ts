/**
 * Bad input, route by route: every refusal answers the contract's envelope
 * `{ detail: { code, message, details } }` with the right status, and leaves the database exactly
 * as it was (overlay rows, runs, and the row counts of every history table).
 */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import * as versionsRoute from '@/app/v1/workflows/reviews/[runId]/[blockId]/versions/route';
import { type ApiResponse, api } from '../api-client';
import { resetDatabase } from '../db';
import { dbSnapshot } from '../db-snapshot';
import { createTeam, gateBody, type TestTeam } from '../fixtures';

const MiB = 1024 * 1024;

let team: TestTeam;
/** Awaiting review at rev 0, never changed by a refused call. */
let open: { path: string; runId: string; blockId: string };
/** Approved at rev 1, for reopen. */
let decided: { path: string; runId: string; blockId: string };

async function openGate(overrides: Record<string, unknown> = {}) {
  const body = gateBody(overrides);
  const opened = await api('POST', '/v1/workflows/reviews', { key: team.integration.key, body });
  expect(opened.status).toBe(201);
  return {
    path: `/v1/workflows/reviews/${body.workflow_run_id}/${body.block_id}`,
    runId: body.workflow_run_id,
    blockId: body.block_id,
  };
}

beforeAll(async () => {
  await resetDatabase();
  team = await createTeam('acme');
  open = await openGate();
  decided = await openGate();
  const approved = await api('POST', `${decided.path}/decision`, {
    key: team.reviewer.key,
    body: { verdict: 'approved', version_stamp: 0 },
  });
  expect(approved.status).toBe(200);
});

function expectEnvelope(response: ApiResponse, status: number, code: string, field?: string) {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(Object.keys(response.body)).toEqual(['detail']);
  expect(Object.keys(response.body.detail).sort()).toEqual(['code', 'details', 'message']);
  expect(response.body.detail.code).toBe(code);
  expect(typeof response.body.detail.message).toBe('string');
  expect(response.body.detail.message.length).toBeGreaterThan(0);
  const details = response.body.detail.details;
  expect(details === null || (typeof details === 'object' && !Array.isArray(details))).toBe(true);
  expect(JSON.stringify(response.body)).not.toMatch(/\bat .+\.(ts|js):\d+/);
  expect(response.headers.get('x-request-id')).toBeTruthy();
  if (code === 'validation_error') {
    const issues = details.issues as { path: unknown; message: unknown }[];
    expect(Array.isArray(issues)).toBe(true);
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues) {
      expect(Array.isArray(issue.path)).toBe(true);
      expect(typeof issue.message).toBe('string');
    }
    if (field !== undefined) {
      expect(
        issues.map((issue) => (issue.path as unknown[]).join('.')),
        JSON.stringify(issues),
      ).toContain(field);
    }
  }
}

/** Makes the call and checks it was refused as the contract says, with nothing written. */
async function expectRefused(call: () => Promise<ApiResponse>, status: number, code: string, field?: string) {
  const before = await dbSnapshot();
  const response = await call();
  expectEnvelope(response, status, code, field);
  expect(await dbSnapshot()).toEqual(before);
  return response;
}

/** Calls the /versions handler with a Request built here, for bodies the api() helper cannot send. */
async function callVersions(init: RequestInit & { duplex?: 'half' }, target = open): Promise<ApiResponse> {
  const request = new Request(`http://localhost:3000${target.path}/versions`, { method: 'POST', ...init });
  const response = await versionsRoute.POST!(request, {
    params: Promise.resolve({ runId: target.runId, blockId: target.blockId }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

function bigBody(bytes: number): string {
  const prefix = '{"version_stamp":0,"snapshot":{"blob":"';
  const suffix = '"}}';
  return prefix + 'a'.repeat(bytes - prefix.length - suffix.length) + suffix;
}

function chunkedStream(total: number, chunk = 64 * 1024): ReadableStream<Uint8Array> {
  let sent = 0;
  const encoder = new TextEncoder();
  return new ReadableStream({
    pull(controller) {
      if (sent === 0) {
        const head = encoder.encode('{"version_stamp":0,"snapshot":{"blob":"');
        controller.enqueue(head);
        sent += head.byteLength;
        return;
      }
      if (sent >= total) {
        controller.enqueue(encoder.encode('"}}'));
        controller.close();
        return;
      }
      const size = Math.min(chunk, total - sent);
      controller.enqueue(encoder.encode('a'.repeat(size)));
      sent += size;
    },
  });
}

const key = () => team.reviewer.key;

// ---- the body as bytes -----------------------------------------------------------------------

describe('the body as bytes', () => {
  it.each([
    ['a truncated object', '{"version_stamp": 0, "snapshot": {'],
    ['bare words', '{nope}'],
    ['single quotes', "{'version_stamp': 0}"],
    ['a trailing comma', '{"version_stamp": 0, "snapshot": {},}'],
    ['two objects', '{"version_stamp": 0}{"version_stamp": 0}'],
    ['NaN', '{"version_stamp": NaN, "snapshot": {}}'],
  ])('malformed JSON (%s) → 400 invalid_json', async (_label, rawBody) => {
    await expectRefused(() => api('POST', `${open.path}/versions`, { key: key(), rawBody }), 400, 'invalid_json');
  });

  it.each([
    ['empty', ''],
    ['whitespace only', '  \n\t '],
  ])('an %s body → 400 invalid_json', async (_label, rawBody) => {
    await expectRefused(() => api('POST', `${open.path}/decision`, { key: key(), rawBody }), 400, 'invalid_json');
    await expectRefused(
      () => api('POST', '/v1/workflows/reviews', { key: team.integration.key, rawBody }),
      400,
      'invalid_json',
    );
  });

  it('a body with no body at all → 400 invalid_json', async () => {
    await expectRefused(
      () => callVersions({ headers: { 'api-key': key(), 'content-type': 'application/json' } }),
      400,
      'invalid_json',
    );
  });

  it.each([
    ['null', 'null'],
    ['an array', '[{"version_stamp": 0, "snapshot": {}}]'],
    ['a string', '"hello"'],
    ['a number', '42'],
  ])('valid JSON that is not an object (%s) → 422 validation_error', async (_label, rawBody) => {
    await expectRefused(() => api('POST', `${open.path}/versions`, { key: key(), rawBody }), 422, 'validation_error');
  });

  it.each([
    ['text/plain', 'text/plain'],
    ['form-encoded', 'application/x-www-form-urlencoded'],
    ['multipart', 'multipart/form-data; boundary=x'],
    ['json-ish but not json', 'application/jsonp'],
    ['empty', ''],
  ])('Content-Type %s → 415 unsupported_media_type', async (_label, contentType) => {
    const body = JSON.stringify({ version_stamp: 0, snapshot: { a: 1 } });
    await expectRefused(
      () =>
        api('POST', `${open.path}/versions`, { key: key(), rawBody: body, headers: { 'content-type': contentType } }),
      415,
      'unsupported_media_type',
    );
  });

  it('no Content-Type header at all → 415 unsupported_media_type', async () => {
    const body = JSON.stringify({ version_stamp: 0, snapshot: { a: 1 } });
    await expectRefused(() => callVersions({ headers: { 'api-key': key() }, body }), 415, 'unsupported_media_type');
  });

  it('Content-Type application/json with a charset is accepted', async () => {
    const target = await openGate();
    const response = await api('POST', `${target.path}/versions`, {
      key: key(),
      body: { version_stamp: 0, snapshot: { a: 1 } },
      headers: { 'content-type': 'Application/JSON; charset=utf-8' },
    });
    expect(response.status).toBe(200);
  });

  it('a body over 1 MiB with an honest Content-Length → 413 payload_too_large', async () => {
    const rawBody = bigBody(MiB + 1);
    await expectRefused(
      () =>
        api('POST', `${open.path}/versions`, {
          key: key(),
          rawBody,
          headers: { 'content-length': String(Buffer.byteLength(rawBody)) },
        }),
      413,
      'payload_too_large',
    );
  });

  it('a body over 1 MiB without a Content-Length → 413 payload_too_large', async () => {
    await expectRefused(
      () => api('POST', `${open.path}/versions`, { key: key(), rawBody: bigBody(MiB + 1) }),
      413,
      'payload_too_large',
    );
  });

  it('a body over 1 MiB understating its Content-Length → 413 payload_too_large', async () => {
    await expectRefused(
      () =>
        api('POST', `${open.path}/versions`, {
          key: key(),
          rawBody: bigBody(2 * MiB),
          headers: { 'content-length': '100' },
        }),
      413,
      'payload_too_large',
    );
  });

  it('a chunked (streamed) body over 1 MiB with no Content-Length → 413 payload_too_large', async () => {
    await expectRefused(
      () =>
        callVersions({
          headers: { 'api-key': key(), 'content-type': 'application/json' },
          body: chunkedStream(3 * MiB),
          duplex: 'half',
        }),
      413,
      'payload_too_large',
    );
  });

  it('a gate opening over its 5 MiB → 413 payload_too_large', async () => {
    const blob = 'x'.repeat(5 * MiB);
    await expectRefused(
      () =>
        api('POST', '/v1/workflows/reviews', { key: team.integration.key, body: gateBody({ model_output: { blob } }) }),
      413,
      'payload_too_large',
    );
  });

  it('a body of exactly 1 MiB is accepted, streamed or not', async () => {
    const target = await openGate();
    const rawBody = bigBody(MiB);
    expect(Buffer.byteLength(rawBody)).toBe(MiB);
    const response = await api('POST', `${target.path}/versions`, {
      key: key(),
      rawBody,
      headers: { 'content-length': String(MiB) },
    });
    expect(response.status).toBe(200);
    const streamed = await callVersions(
      {
        headers: { 'api-key': key(), 'content-type': 'application/json' },
        body: new Blob([rawBody.replace('"version_stamp":0', '"version_stamp":1')]).stream(),
        duplex: 'half',
      },
      target,
    );
    expect(streamed.status).toBe(200);
    expect(streamed.body.rev).toBe(2);
  });
});

// ---- field types and limits -------------------------------------------------------------------

type Route = 'versions' | 'decision' | 'claim' | 'release' | 'revert' | 'reopen';
interface FieldCase {
  label: string;
  route: Route;
  body: Record<string, unknown>;
  field: string;
}

const snapshot = { vendor: 'Acme AG' };
const long = 'x'.repeat(4001);

const FIELD_CASES: FieldCase[] = [
  // version_stamp, on every route
  ...(['versions', 'decision', 'claim', 'release', 'revert'] as Route[]).flatMap((route) => {
    const base: Record<Route, Record<string, unknown>> = {
      versions: { snapshot },
      decision: { verdict: 'approved' },
      claim: {},
      release: {},
      revert: { to_seq: 0 },
      reopen: { reason: 'x' },
    };
    return [
      { label: 'version_stamp "3"', route, body: { ...base[route], version_stamp: '3' }, field: 'version_stamp' },
      { label: 'version_stamp "0"', route, body: { ...base[route], version_stamp: '0' }, field: 'version_stamp' },
      { label: 'version_stamp 1.5', route, body: { ...base[route], version_stamp: 1.5 }, field: 'version_stamp' },
      { label: 'version_stamp -1', route, body: { ...base[route], version_stamp: -1 }, field: 'version_stamp' },
      { label: 'version_stamp null', route, body: { ...base[route], version_stamp: null }, field: 'version_stamp' },
      { label: 'version_stamp missing', route, body: { ...base[route] }, field: 'version_stamp' },
      { label: 'version_stamp true', route, body: { ...base[route], version_stamp: true }, field: 'version_stamp' },
    ];
  }),
  {
    label: 'reopen version_stamp "1"',
    route: 'reopen',
    body: { version_stamp: '1', reason: 'x' },
    field: 'version_stamp',
  },
  // snapshot
  { label: 'snapshot as array', route: 'versions', body: { version_stamp: 0, snapshot: [1, 2] }, field: 'snapshot' },
  {
    label: 'snapshot as string',
    route: 'versions',
    body: { version_stamp: 0, snapshot: '{"a":1}' },
    field: 'snapshot',
  },
  { label: 'snapshot null', route: 'versions', body: { version_stamp: 0, snapshot: null }, field: 'snapshot' },
  { label: 'snapshot as number', route: 'versions', body: { version_stamp: 0, snapshot: 7 }, field: 'snapshot' },
  { label: 'snapshot missing', route: 'versions', body: { version_stamp: 0 }, field: 'snapshot' },
  {
    label: 'origin model_output',
    route: 'versions',
    body: { version_stamp: 0, snapshot, origin: 'model_output' },
    field: 'origin',
  },
  {
    label: 'origin revert',
    route: 'versions',
    body: { version_stamp: 0, snapshot, origin: 'revert' },
    field: 'origin',
  },
  { label: 'origin bogus', route: 'versions', body: { version_stamp: 0, snapshot, origin: 'bogus' }, field: 'origin' },
  { label: 'note over 4000', route: 'versions', body: { version_stamp: 0, snapshot, note: long }, field: 'note' },
  { label: 'note as number', route: 'versions', body: { version_stamp: 0, snapshot, note: 5 }, field: 'note' },
  // command_id
  {
    label: 'command_id with a space',
    route: 'versions',
    body: { version_stamp: 0, snapshot, command_id: 'a b' },
    field: 'command_id',
  },
  {
    label: 'command_id over 255',
    route: 'versions',
    body: { version_stamp: 0, snapshot, command_id: 'c'.repeat(256) },
    field: 'command_id',
  },
  {
    label: 'command_id empty',
    route: 'versions',
    body: { version_stamp: 0, snapshot, command_id: '' },
    field: 'command_id',
  },
  {
    label: 'command_id with a slash',
    route: 'claim',
    body: { version_stamp: 0, command_id: 'a/b' },
    field: 'command_id',
  },
  {
    label: 'command_id as number',
    route: 'decision',
    body: { verdict: 'approved', version_stamp: 0, command_id: 12 },
    field: 'command_id',
  },
  {
    label: 'command_id non-ASCII',
    route: 'revert',
    body: { version_stamp: 0, to_seq: 0, command_id: 'café' },
    field: 'command_id',
  },
  // decision
  { label: 'unknown verdict', route: 'decision', body: { verdict: 'maybe', version_stamp: 0 }, field: 'verdict' },
  { label: 'verdict missing', route: 'decision', body: { version_stamp: 0 }, field: 'verdict' },
  { label: 'verdict "Approved"', route: 'decision', body: { verdict: 'Approved', version_stamp: 0 }, field: 'verdict' },
  {
    label: 'edited_output as array',
    route: 'decision',
    body: { verdict: 'approved', version_stamp: 0, edited_output: [snapshot] },
    field: 'edited_output',
  },
  {
    label: 'edited_output as string',
    route: 'decision',
    body: { verdict: 'approved', version_stamp: 0, edited_output: 'x' },
    field: 'edited_output',
  },
  {
    label: 'reason over 4000',
    route: 'decision',
    body: { verdict: 'rejected', version_stamp: 0, reason: long },
    field: 'reason',
  },
  {
    label: 'blank reason on reject',
    route: 'decision',
    body: { verdict: 'rejected', version_stamp: 0, reason: '   ' },
    field: 'reason',
  },
  {
    label: 'empty reason on reject',
    route: 'decision',
    body: { verdict: 'rejected', version_stamp: 0, reason: '' },
    field: 'reason',
  },
  { label: 'no reason on reject', route: 'decision', body: { verdict: 'rejected', version_stamp: 0 }, field: 'reason' },
  {
    label: 'null reason on reject',
    route: 'decision',
    body: { verdict: 'rejected', version_stamp: 0, reason: null },
    field: 'reason',
  },
  {
    label: 'reject with edited_output',
    route: 'decision',
    body: { verdict: 'rejected', version_stamp: 0, reason: 'no', edited_output: snapshot },
    field: 'edited_output',
  },
  {
    label: 'reject with effective_seq',
    route: 'decision',
    body: { verdict: 'rejected', version_stamp: 0, reason: 'no', effective_seq: 0 },
    field: 'effective_seq',
  },
  {
    label: 'edited_output with on_seq',
    route: 'decision',
    body: { verdict: 'approved', version_stamp: 0, edited_output: snapshot, on_seq: 0 },
    field: 'on_seq',
  },
  {
    label: 'edited_output with effective_seq',
    route: 'decision',
    body: { verdict: 'approved', version_stamp: 0, edited_output: snapshot, effective_seq: 0 },
    field: 'effective_seq',
  },
  {
    label: 'on_seq that does not exist',
    route: 'decision',
    body: { verdict: 'approved', version_stamp: 0, on_seq: 9 },
    field: 'on_seq',
  },
  {
    label: 'effective_seq that does not exist',
    route: 'decision',
    body: { verdict: 'approved', version_stamp: 0, effective_seq: 9 },
    field: 'effective_seq',
  },
  {
    label: 'on_seq negative',
    route: 'decision',
    body: { verdict: 'approved', version_stamp: 0, on_seq: -1 },
    field: 'on_seq',
  },
  {
    label: 'on_seq as string',
    route: 'decision',
    body: { verdict: 'approved', version_stamp: 0, on_seq: '0' },
    field: 'on_seq',
  },
  {
    label: 'effective_seq 0.5',
    route: 'decision',
    body: { verdict: 'approved', version_stamp: 0, effective_seq: 0.5 },
    field: 'effective_seq',
  },
  // claim
  {
    label: 'ttl_seconds as string',
    route: 'claim',
    body: { version_stamp: 0, ttl_seconds: '900' },
    field: 'ttl_seconds',
  },
  { label: 'ttl_seconds 29', route: 'claim', body: { version_stamp: 0, ttl_seconds: 29 }, field: 'ttl_seconds' },
  { label: 'ttl_seconds 86401', route: 'claim', body: { version_stamp: 0, ttl_seconds: 86401 }, field: 'ttl_seconds' },
  { label: 'ttl_seconds 60.5', route: 'claim', body: { version_stamp: 0, ttl_seconds: 60.5 }, field: 'ttl_seconds' },
  { label: 'force "yes"', route: 'claim', body: { version_stamp: 0, force: 'yes' }, field: 'force' },
  { label: 'force 1', route: 'claim', body: { version_stamp: 0, force: 1 }, field: 'force' },
  // revert
  { label: 'to_seq negative', route: 'revert', body: { version_stamp: 0, to_seq: -1 }, field: 'to_seq' },
  { label: 'to_seq missing', route: 'revert', body: { version_stamp: 0 }, field: 'to_seq' },
  { label: 'to_seq null', route: 'revert', body: { version_stamp: 0, to_seq: null }, field: 'to_seq' },
  { label: 'to_seq that does not exist', route: 'revert', body: { version_stamp: 0, to_seq: 5 }, field: 'to_seq' },
  { label: 'to_seq as string', route: 'revert', body: { version_stamp: 0, to_seq: '0' }, field: 'to_seq' },
  { label: 'revert note over 4000', route: 'revert', body: { version_stamp: 0, to_seq: 0, note: long }, field: 'note' },
  // reopen (on the decided overlay, rev 1)
  { label: 'reopen without reason', route: 'reopen', body: { version_stamp: 1 }, field: 'reason' },
  { label: 'reopen reason null', route: 'reopen', body: { version_stamp: 1, reason: null }, field: 'reason' },
  { label: 'reopen blank reason', route: 'reopen', body: { version_stamp: 1, reason: ' \t ' }, field: 'reason' },
  { label: 'reopen reason over 4000', route: 'reopen', body: { version_stamp: 1, reason: long }, field: 'reason' },
  { label: 'reopen reason as number', route: 'reopen', body: { version_stamp: 1, reason: 42 }, field: 'reason' },
];

describe('field types and limits → 422 validation_error naming the field', () => {
  it.each(FIELD_CASES)('$route: $label', async ({ route, body, field }) => {
    const target = route === 'reopen' ? decided : open;
    const caller = route === 'reopen' ? team.lead.key : key();
    await expectRefused(
      () => api('POST', `${target.path}/${route}`, { key: caller, body }),
      422,
      'validation_error',
      field,
    );
  });

  it('reports every bad field of one body', async () => {
    const response = await expectRefused(
      () =>
        api('POST', `${open.path}/versions`, {
          key: key(),
          body: { version_stamp: '0', snapshot: [], note: long, command_id: 'a b' },
        }),
      422,
      'validation_error',
    );
    const paths = response.body.detail.details.issues.map((issue: { path: string[] }) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['version_stamp', 'snapshot', 'note', 'command_id']));
  });

  it('accepts note and reason of exactly 4,000 characters and a command_id of 255', async () => {
    const target = await openGate();
    const exact = 'y'.repeat(4000);
    const edited = await api('POST', `${target.path}/versions`, {
      key: key(),
      body: { version_stamp: 0, snapshot, note: exact, command_id: `${'c'.repeat(250)}:._-9` },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.versions[1].note).toBe(exact);
    const rejected = await api('POST', `${target.path}/decision`, {
      key: key(),
      body: { verdict: 'rejected', version_stamp: 1, reason: exact },
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body.overlay.decisions[0].reason).toBe(exact);
  });
});

// ---- what is not an error -----------------------------------------------------------------------

describe('lenient input', () => {
  it('ignores unknown body fields (200) on every command', async () => {
    const target = await openGate();
    const extra = { color: 'blue', nested: { deep: [1, 2] }, rev: 99, status: 'approved', head_seq: 42 };
    const edited = await api('POST', `${target.path}/versions`, {
      key: key(),
      body: { version_stamp: 0, snapshot, ...extra },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.rev).toBe(1);
    expect(edited.body.status).toBe('awaiting_review');
    const claimed = await api('POST', `${target.path}/claim`, { key: key(), body: { version_stamp: 1, ...extra } });
    expect(claimed.status).toBe(200);
    const released = await api('POST', `${target.path}/release`, { key: key(), body: { version_stamp: 2, ...extra } });
    expect(released.status).toBe(200);
    const reverted = await api('POST', `${target.path}/revert`, {
      key: key(),
      body: { version_stamp: 3, to_seq: 0, ...extra },
    });
    expect(reverted.status).toBe(200);
    const approved = await api('POST', `${target.path}/decision`, {
      key: key(),
      body: { verdict: 'approved', version_stamp: 4, ...extra },
    });
    expect(approved.status).toBe(200);
    expect(approved.body.overlay.effective_seq).toBe(2);
    const reopened = await api('POST', `${target.path}/reopen`, {
      key: team.lead.key,
      body: { version_stamp: 5, reason: 'again', ...extra },
    });
    expect(reopened.status).toBe(200);
    expect(reopened.body.rev).toBe(6);
    const opened = await api('POST', '/v1/workflows/reviews', {
      key: team.integration.key,
      body: gateBody({ ...extra, surprise: true }),
    });
    expect(opened.status).toBe(201);
  });

  it('treats null optional fields as absent', async () => {
    const target = await openGate();
    const edited = await api('POST', `${target.path}/versions`, {
      key: key(),
      body: { version_stamp: 0, snapshot, origin: null, note: null, command_id: null },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.versions[1]).toMatchObject({ origin: 'human_edit', note: null });
    const claimed = await api('POST', `${target.path}/claim`, {
      key: key(),
      body: { version_stamp: 1, ttl_seconds: null, force: null, command_id: null },
    });
    expect(claimed.status).toBe(200);
    const ttl = Date.parse(claimed.body.claim.expires_at) - Date.parse(claimed.body.claim.claimed_at);
    expect(ttl).toBe(900_000);
    const reverted = await api('POST', `${target.path}/revert`, {
      key: key(),
      body: { version_stamp: 2, to_seq: 0, note: null, command_id: null },
    });
    expect(reverted.status).toBe(200);
    const approved = await api('POST', `${target.path}/decision`, {
      key: key(),
      body: {
        verdict: 'approved',
        version_stamp: 3,
        edited_output: null,
        reason: null,
        on_seq: null,
        effective_seq: null,
        command_id: null,
      },
    });
    expect(approved.status).toBe(200);
    expect(approved.body.overlay).toMatchObject({ status: 'approved', head_seq: 2, effective_seq: 2 });
    expect(approved.body.overlay.decisions[0]).toMatchObject({ on_seq: 2, effective_seq: 2, reason: null });
    const opened = await api('POST', '/v1/workflows/reviews', {
      key: team.integration.key,
      body: gateBody({ priority: null, triggered_by: null }),
    });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ priority: 0, triggered_by: { kind: 'always' } });
  });

  // Was silently stored as `{"vendor":"Acme"}`: the snapshot was rebuilt key by key when parsed,
  // and assigning `__proto__` set the prototype instead of a key.
  it('keeps a snapshot key named __proto__ like any other key', async () => {
    const target = await openGate();
    const rawBody = '{"version_stamp":0,"snapshot":{"__proto__":{"x":1},"vendor":"Acme"}}';
    const edited = await api('POST', `${target.path}/versions`, { key: key(), rawBody });
    expect(edited.status).toBe(200);
    const stored = edited.body.versions[1];
    expect(Object.keys(stored.snapshot).sort()).toEqual(['__proto__', 'vendor']);
    expect(Object.getOwnPropertyDescriptor(stored.snapshot, '__proto__')?.value).toEqual({ x: 1 });
    expect(stored.content_sha256).toBe(
      createHash('sha256').update('{"__proto__":{"x":1},"vendor":"Acme"}').digest('hex'),
    );
  });
});

// ---- gate opening ---------------------------------------------------------------------------------

describe('gate opening → 422', () => {
  const REQUIRED = [
    'workflow_id',
    'workflow_version_id',
    'workflow_run_id',
    'block_id',
    'block_type',
    'model_output',
    'model',
  ];

  it.each(REQUIRED)('missing %s', async (field) => {
    const body: Record<string, unknown> = gateBody();
    delete body[field];
    await expectRefused(
      () => api('POST', '/v1/workflows/reviews', { key: team.integration.key, body }),
      422,
      'validation_error',
      field,
    );
  });

  it.each([
    ['model.id missing', { model: { display_name: 'GPT' } }, 'model.id'],
    ['model.display_name missing', { model: { id: 'gpt' } }, 'model.display_name'],
    ['model.id blank', { model: { id: '  ', display_name: 'GPT' } }, 'model.id'],
    ['model as string', { model: 'gpt-4.1' }, 'model'],
    ['bad block_type', { block_type: 'transform' }, 'block_type'],
    ['block_type null', { block_type: null }, 'block_type'],
    ['model_output as array', { model_output: [{ a: 1 }] }, 'model_output'],
    ['model_output as string', { model_output: '{"a":1}' }, 'model_output'],
    ['model_output null', { model_output: null }, 'model_output'],
    ['model_output as number', { model_output: 3 }, 'model_output'],
    ['workflow_run_id with a space', { workflow_run_id: 'run 1' }, 'workflow_run_id'],
    ['workflow_run_id with a slash', { workflow_run_id: 'run/1' }, 'workflow_run_id'],
    ['block_id with a space', { block_id: 'extract invoice' }, 'block_id'],
    ['block_id with a slash', { block_id: 'extract/invoice' }, 'block_id'],
    ['block_id with %20', { block_id: 'extract%20invoice' }, 'block_id'],
    ['workflow_id with a slash', { workflow_id: 'a/b' }, 'workflow_id'],
    ['workflow_version_id with a space', { workflow_version_id: 'v 3' }, 'workflow_version_id'],
    ['workflow_run_id empty', { workflow_run_id: '' }, 'workflow_run_id'],
    ['workflow_run_id as number', { workflow_run_id: 17 }, 'workflow_run_id'],
    ['block_id over 200 characters', { block_id: 'b'.repeat(201) }, 'block_id'],
    ['priority 1.5', { priority: 1.5 }, 'priority'],
    ['priority as string', { priority: '1' }, 'priority'],
    ['triggered_by as string', { triggered_by: 'always' }, 'triggered_by'],
    ['triggered_by without kind', { triggered_by: { field: 'total' } }, 'triggered_by.kind'],
  ])('%s', async (_label, overrides, field) => {
    await expectRefused(
      () => api('POST', '/v1/workflows/reviews', { key: team.integration.key, body: gateBody(overrides) }),
      422,
      'validation_error',
      field,
    );
  });
});

// ---- the queue's query ------------------------------------------------------------------------------

describe('queue query → 422', () => {
  it.each([
    ['status=bogus', 'status'],
    ['status=APPROVED', 'status'],
    ['limit=abc', 'limit'],
    ['limit=0', 'limit'],
    ['limit=201', 'limit'],
    ['limit=-5', 'limit'],
    ['limit=2.5', 'limit'],
    ['mine=maybe', 'mine'],
    ['mine=yes', 'mine'],
    ['block_type=transform', 'block_type'],
    ['cursor=not-a-cursor', 'cursor'],
  ])('%s', async (query, field) => {
    await expectRefused(
      () => api('GET', `/v1/workflows/reviews?${query}`, { key: key() }),
      422,
      'validation_error',
      field,
    );
  });

  it('accepts the bounds limit=1 and limit=200', async () => {
    for (const limit of [1, 200]) {
      const response = await api('GET', `/v1/workflows/reviews?limit=${limit}`, { key: key() });
      expect(response.status).toBe(200);
    }
  });

  it('refuses a cursor of the wrong status as 422', async () => {
    const other = Buffer.from(JSON.stringify({ s: 'approved', d: '2026-01-01T00:00:00.000Z', i: 'x' })).toString(
      'base64url',
    );
    const response = await api('GET', `/v1/workflows/reviews?status=awaiting_review&cursor=${other}`, { key: key() });
    expect([200, 422]).toContain(response.status);
  });

  // Was a 500: a cursor whose `i` held a NUL reached PostgreSQL and failed there (22021).
  it('refuses a forged cursor holding a NUL as 422, not a 500', async () => {
    const forged = Buffer.from(JSON.stringify({ s: 'approved', d: '2026-01-01T00:00:00.000Z', i: 'x\u0000' })).toString(
      'base64url',
    );
    await expectRefused(
      () => api('GET', `/v1/workflows/reviews?status=approved&cursor=${forged}`, { key: key() }),
      422,
      'validation_error',
      'cursor',
    );
  });
});

// ---- path ids -----------------------------------------------------------------------------------------

describe('path ids that cannot exist → 404 not_found', () => {
  const BAD_IDS = ['run%201', 'run%2F1', `${'r'.repeat(201)}`, 'r%C3%A9sum%C3%A9', '%00'];

  it.each(BAD_IDS)('run id %s', async (runId) => {
    await expectRefused(
      () => api('GET', `/v1/workflows/reviews/${runId}/${open.blockId}`, { key: key() }),
      404,
      'not_found',
    );
    await expectRefused(
      () =>
        api('POST', `/v1/workflows/reviews/${runId}/${open.blockId}/versions`, {
          key: key(),
          body: { version_stamp: 0, snapshot },
        }),
      404,
      'not_found',
    );
    await expectRefused(() => api('GET', `/v1/workflows/runs/${runId}`, { key: key() }), 404, 'not_found');
  });

  it.each(BAD_IDS)('block id %s', async (blockId) => {
    await expectRefused(
      () => api('GET', `/v1/workflows/reviews/${open.runId}/${blockId}`, { key: key() }),
      404,
      'not_found',
    );
    await expectRefused(
      () =>
        api('POST', `/v1/workflows/reviews/${open.runId}/${blockId}/decision`, {
          key: key(),
          body: { verdict: 'approved', version_stamp: 0 },
        }),
      404,
      'not_found',
    );
  });

  it('a bad path id is a 404 even with a bad body', async () => {
    await expectRefused(
      () => api('POST', `/v1/workflows/reviews/run%201/${open.blockId}/claim`, { key: key(), rawBody: '{oops' }),
      404,
      'not_found',
    );
  });

  it('well-formed ids that name nothing are a 404 too', async () => {
    await expectRefused(
      () => api('GET', `/v1/workflows/reviews/no-such-run/${open.blockId}`, { key: key() }),
      404,
      'not_found',
    );
    await expectRefused(
      () =>
        api('POST', `/v1/workflows/reviews/${open.runId}/no-such-block/claim`, {
          key: key(),
          body: { version_stamp: 0 },
        }),
      404,
      'not_found',
    );
    await expectRefused(() => api('GET', '/v1/workflows/runs/no-such-run', { key: key() }), 404, 'not_found');
  });
});

// ---- strings PostgreSQL cannot store ------------------------------------------------------------------

describe('strings PostgreSQL cannot store', () => {
  // JSON allows "\u0000" and lone surrogates in strings; PostgreSQL's text and jsonb do not. The
  // contract allows no 500 for a client's input: such a body is refused with 422, naming the place.
  // (Each of these answered 500 internal_error — PostgreSQL 22021/22P05/22P02 — before
  // lib/http/storable-json.ts.)
  const cases: [string, string, () => Promise<ApiResponse>][] = [
    [
      'a NUL in a snapshot value',
      'snapshot.a',
      () =>
        api('POST', `${open.path}/versions`, { key: key(), body: { version_stamp: 0, snapshot: { a: 'x\u0000y' } } }),
    ],
    [
      'a NUL in a snapshot key',
      'snapshot.a\u0000',
      () =>
        api('POST', `${open.path}/versions`, { key: key(), body: { version_stamp: 0, snapshot: { 'a\u0000': 1 } } }),
    ],
    [
      'a NUL in a note',
      'note',
      () => api('POST', `${open.path}/versions`, { key: key(), body: { version_stamp: 0, snapshot, note: 'x\u0000' } }),
    ],
    [
      'a NUL in a reject reason',
      'reason',
      () =>
        api('POST', `${open.path}/decision`, {
          key: key(),
          body: { verdict: 'rejected', version_stamp: 0, reason: 'no\u0000' },
        }),
    ],
    [
      'a NUL in edited_output',
      'edited_output.a',
      () =>
        api('POST', `${open.path}/decision`, {
          key: key(),
          body: { verdict: 'approved', version_stamp: 0, edited_output: { a: '\u0000' } },
        }),
    ],
    [
      'a lone surrogate in a snapshot',
      'snapshot.a',
      () => api('POST', `${open.path}/versions`, { key: key(), body: { version_stamp: 0, snapshot: { a: '\ud800' } } }),
    ],
    [
      'a lone surrogate in a note',
      'note',
      () => api('POST', `${open.path}/versions`, { key: key(), body: { version_stamp: 0, snapshot, note: 'a\udc00' } }),
    ],
    [
      'a NUL in model_output',
      'model_output.a',
      () =>
        api('POST', '/v1/workflows/reviews', {
          key: team.integration.key,
          body: gateBody({ model_output: { a: '\u0000' } }),
        }),
    ],
    [
      'a NUL in the model id',
      'model.id',
      () =>
        api('POST', '/v1/workflows/reviews', {
          key: team.integration.key,
          body: gateBody({ model: { id: 'm\u0000', display_name: 'M' } }),
        }),
    ],
    [
      'a NUL in triggered_by',
      'triggered_by.kind',
      () =>
        api('POST', '/v1/workflows/reviews', {
          key: team.integration.key,
          body: gateBody({ triggered_by: { kind: 'x\u0000' } }),
        }),
    ],
  ];

  it.each(cases)('%s → 422 validation_error on %j, nothing written', async (_label, field, call) => {
    await expectRefused(call, 422, 'validation_error', field);
  });

  it('a properly paired surrogate (an emoji) is stored as sent', async () => {
    const target = await openGate();
    const edited = await api('POST', `${target.path}/versions`, {
      key: key(),
      body: { version_stamp: 0, snapshot: { mood: '🙂' }, note: '✓ 🙂' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.versions[1]).toMatchObject({ snapshot: { mood: '🙂' }, note: '✓ 🙂' });
  });
});

describe('deeply nested snapshots', () => {
  // Was a 500: canonicalJson recursed once per level and overflowed the stack (RangeError).
  it('a 30 KB snapshot nested 5,000 levels deep answers 200 or 422, not a 500', async () => {
    const depth = 5000;
    const rawBody = `{"version_stamp":0,"snapshot":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
    const before = await dbSnapshot();
    const response = await api('POST', `${open.path}/versions`, { key: key(), rawBody });
    expect([200, 422]).toContain(response.status);
    if (response.status === 422) expect(await dbSnapshot()).toEqual(before);
  });
});
