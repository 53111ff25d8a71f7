/**
 * Gate opening with sources, a JSON Schema, likelihoods and citations: what is refused (422 with
 * the failing paths, nothing written), what the overlay shows, the idempotency fingerprint, and
 * the schema held on every later write (`/versions`, `/decision` with `edited_output`).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db/prisma';
import { api } from '../api-client';
import { resetDatabase } from '../db';
import { createTeam, gateBody, type TestTeam } from '../fixtures';
import { expectError, expectValidationIssue, REVIEWS, uploadPdf } from '../review-helpers';

let team: TestTeam;
let other: TestTeam;
/** A 2-page PDF of `team`. */
let pdfId: string;

const OUTPUT = {
  vendor: 'Acme GmbH',
  invoice_date: '2026-05-13',
  total: 1200.5,
  lines: [
    { sku: 'A-1', qty: 2 },
    { sku: 'B-7', qty: 1 },
  ],
};

const SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['vendor', 'invoice_date', 'total'],
  properties: {
    vendor: { type: 'string', title: 'Vendor' },
    invoice_date: { type: 'string', format: 'date', title: 'Invoice date' },
    total: { type: 'number', minimum: 0 },
    lines: {
      type: 'array',
      items: {
        type: 'object',
        required: ['sku', 'qty'],
        properties: { sku: { type: 'string' }, qty: { type: 'integer', minimum: 1 } },
      },
    },
  },
};

function fullGate(overrides: Record<string, unknown> = {}): ReturnType<typeof gateBody> & Record<string, any> {
  return gateBody({
    model_output: OUTPUT,
    sources: [
      { name: 'invoice.pdf', mime_type: 'application/pdf', file_id: pdfId },
      { name: 'scan', mime_type: 'image/png', url: 'https://files.example.com/scan.png' },
    ],
    json_schema: SCHEMA,
    likelihoods: { vendor: 0.98, total: 0.42, lines: [{ sku: 0.9, qty: 0.55 }] },
    citations: {
      '/vendor': [{ source: 0, page: 1, bbox: [0.1, 0.05, 0.4, 0.08], text: 'Acme GmbH' }],
      '/lines/1/qty': [{ source: 0, page: 2, bbox: [0.7, 0.3, 0.75, 0.32] }],
      '/total': [{ source: 1, page: 1, bbox: [0.6, 0.9, 0.8, 0.93], text: null }],
    },
    ...overrides,
  });
}

function open(body: Record<string, unknown>, key = team.integration.key) {
  return api('POST', REVIEWS, { key, body });
}

async function overlayCount(): Promise<number> {
  return prisma.overlay.count();
}

/** Opens `body` and expects a 422 with `path` among its issues and no overlay written. */
async function expectRefused(body: Record<string, unknown>, path: (string | number)[]) {
  const before = await overlayCount();
  expectValidationIssue(await open(body), path);
  expect(await overlayCount()).toBe(before);
}

beforeAll(async () => {
  await resetDatabase();
  team = await createTeam('acme');
  other = await createTeam('globex');
  pdfId = await uploadPdf(team.integration.key, 2);
});

describe('a gate with sources, schema, likelihoods and citations', () => {
  it('opens, and the overlay shows all four; an uploaded file as /v1/files/<id>', async () => {
    const body = fullGate();
    const opened = await open(body);
    expect(opened.status).toBe(201);
    expect(opened.body.sources).toEqual([
      { name: 'invoice.pdf', mime_type: 'application/pdf', url: `/v1/files/${pdfId}`, file_id: pdfId },
      { name: 'scan', mime_type: 'image/png', url: 'https://files.example.com/scan.png', file_id: null },
    ]);
    expect(opened.body.json_schema).toEqual(SCHEMA);
    // The schema keeps its key order: a form follows it.
    expect(Object.keys(opened.body.json_schema.properties)).toEqual(['vendor', 'invoice_date', 'total', 'lines']);
    expect(opened.body.likelihoods).toEqual(body.likelihoods);
    expect(opened.body.citations).toEqual({
      '/vendor': [{ source: 0, page: 1, bbox: [0.1, 0.05, 0.4, 0.08], text: 'Acme GmbH' }],
      '/lines/1/qty': [{ source: 0, page: 2, bbox: [0.7, 0.3, 0.75, 0.32], text: null }],
      '/total': [{ source: 1, page: 1, bbox: [0.6, 0.9, 0.8, 0.93], text: null }],
    });
    const read = await api('GET', `${REVIEWS}/${body.workflow_run_id}/${body.block_id}`, { key: team.reviewer.key });
    expect(read.body.sources).toEqual(opened.body.sources);
    expect(read.body.citations).toEqual(opened.body.citations);
  });

  it('shows empty sources and null schema, likelihoods and citations on a gate without them', async () => {
    const opened = await open(gateBody());
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ sources: [], json_schema: null, likelihoods: null, citations: null });
  });

  it('answers 200 to an identical replay and 409 gate_conflict to one with another schema or citation', async () => {
    const body = fullGate();
    expect((await open(body)).status).toBe(201);
    expect((await open(body)).status).toBe(200);
    const otherSchema = { ...body, json_schema: { ...SCHEMA, required: ['vendor'] } };
    expectError(await open(otherSchema), 409, 'gate_conflict');
    const otherCitation = {
      ...body,
      citations: { '/vendor': [{ source: 0, page: 2, bbox: [0.1, 0.05, 0.4, 0.08], text: 'Acme GmbH' }] },
    };
    expectError(await open(otherCitation), 409, 'gate_conflict');
    expectError(await open({ ...body, likelihoods: { vendor: 0.5 } }), 409, 'gate_conflict');
    const renamed = [{ ...body.sources[0], name: 'renamed.pdf' }, body.sources[1]];
    expectError(await open({ ...body, sources: renamed }), 409, 'gate_conflict');
  });
});

describe('refused gate openings (422, nothing written)', () => {
  it('a file id of another organization, or none at all', async () => {
    const theirs = await api('POST', '/v1/files?name=x.txt', {
      key: other.integration.key,
      rawBody: new TextEncoder().encode('hello') as Uint8Array<ArrayBuffer>,
      headers: { 'content-type': 'text/plain' },
    });
    await expectRefused(
      fullGate({ sources: [{ name: 'x', mime_type: 'text/plain', file_id: theirs.body.file_id }], citations: null }),
      ['sources', 0, 'file_id'],
    );
    await expectRefused(
      fullGate({ sources: [{ name: 'x', mime_type: 'application/pdf', file_id: `file_${'0'.repeat(24)}` }] }),
      ['sources', 0, 'file_id'],
    );
  });

  it('a source with both or neither of url and file_id, a bad URL, a wrong type, or more than 10', async () => {
    await expectRefused(
      fullGate({ sources: [{ name: 'x', mime_type: 'application/pdf', url: 'https://x.example/a', file_id: pdfId }] }),
      ['sources', 0],
    );
    await expectRefused(fullGate({ sources: [{ name: 'x', mime_type: 'application/pdf' }] }), ['sources', 0]);
    await expectRefused(
      fullGate({ sources: [{ name: 'x', mime_type: 'application/pdf', url: 'javascript:alert(1)' }], citations: null }),
      ['sources', 0, 'url'],
    );
    await expectRefused(
      fullGate({ sources: [{ name: 'x', mime_type: 'image/png', file_id: pdfId }], citations: null }),
      ['sources', 0, 'mime_type'],
    );
    const eleven = Array.from({ length: 11 }, (_, i) => ({
      name: `s${i}`,
      mime_type: 'image/png',
      url: `https://x.example/${i}`,
    }));
    await expectRefused(fullGate({ sources: eleven, citations: null }), ['sources']);
  });

  it('a json_schema that is not a draft 2020-12 schema', async () => {
    await expectRefused(fullGate({ json_schema: { type: 'objekt' } }), ['json_schema', 'type']);
    await expectRefused(fullGate({ json_schema: { $ref: 'https://elsewhere.example/schema.json' } }), ['json_schema']);
  });

  it('a model_output that does not match its json_schema → 422 schema_mismatch naming the paths', async () => {
    const before = await overlayCount();
    const mismatch = await open(
      fullGate({
        model_output: { ...OUTPUT, invoice_date: '13.05.2026', lines: [{ sku: 'A-1', qty: 0 }] },
        citations: null,
        likelihoods: null,
      }),
    );
    const details = expectError(mismatch, 422, 'schema_mismatch');
    expect(details.issues.map((issue: { path: unknown }) => issue.path)).toEqual(
      expect.arrayContaining([['invoice_date'], ['lines', 0, 'qty']]),
    );
    expect(await overlayCount()).toBe(before);
  });

  it('likelihoods not shaped like model_output, or outside 0..1', async () => {
    await expectRefused(fullGate({ likelihoods: { vendor: 1.5 } }), ['likelihoods', 'vendor']);
    await expectRefused(fullGate({ likelihoods: { vendor: -0.1 } }), ['likelihoods', 'vendor']);
    await expectRefused(fullGate({ likelihoods: { vendor: '0.9' } }), ['likelihoods', 'vendor']);
    await expectRefused(fullGate({ likelihoods: { nope: 0.5 } }), ['likelihoods', 'nope']);
    await expectRefused(fullGate({ likelihoods: { lines: { sku: 0.5 } } }), ['likelihoods', 'lines']);
    await expectRefused(fullGate({ likelihoods: { lines: [{}, {}, { sku: 1 }] } }), ['likelihoods', 'lines']);
  });

  it('a citation at a pointer model_output does not have', async () => {
    const box = { source: 0, page: 1, bbox: [0.1, 0.1, 0.2, 0.2], text: null };
    await expectRefused(fullGate({ citations: { '/vendr': [box] } }), ['citations', '/vendr']);
    await expectRefused(fullGate({ citations: { '/lines/2/qty': [box] } }), ['citations', '/lines/2/qty']);
    await expectRefused(fullGate({ citations: { vendor: [box] } }), ['citations', 'vendor']);
  });

  it('a page past the PDF’s last page, or below 1; a source index out of range', async () => {
    const at = (box: Record<string, unknown>) => ({
      '/vendor': [{ source: 0, page: 1, bbox: [0.1, 0.1, 0.2, 0.2], ...box }],
    });
    await expectRefused(fullGate({ citations: at({ page: 3 }) }), ['citations', '/vendor', 0, 'page']);
    await expectRefused(fullGate({ citations: at({ page: 0 }) }), ['citations', '/vendor', 0, 'page']);
    await expectRefused(fullGate({ citations: at({ source: 2 }) }), ['citations', '/vendor', 0, 'source']);
  });

  it('a bbox outside 0–1, not of four numbers, or with x0 ≥ x1 or y0 ≥ y1', async () => {
    const at = (bbox: unknown) => ({ '/vendor': [{ source: 0, page: 1, bbox }] });
    await expectRefused(fullGate({ citations: at([0.1, 0.1, 1.2, 0.2]) }), ['citations', '/vendor', 0, 'bbox', 2]);
    await expectRefused(fullGate({ citations: at([-0.1, 0.1, 0.2, 0.2]) }), ['citations', '/vendor', 0, 'bbox', 0]);
    await expectRefused(fullGate({ citations: at([0.1, 0.1, 0.2]) }), ['citations', '/vendor', 0, 'bbox']);
    await expectRefused(fullGate({ citations: at([0.3, 0.1, 0.2, 0.2]) }), ['citations', '/vendor', 0, 'bbox']);
    await expectRefused(fullGate({ citations: at([0.1, 0.2, 0.2, 0.2]) }), ['citations', '/vendor', 0, 'bbox']);
  });
});

describe('the schema on every later write', () => {
  async function openWithSchema() {
    const body = fullGate();
    expect((await open(body)).status).toBe(201);
    return `${REVIEWS}/${body.workflow_run_id}/${body.block_id}`;
  }

  it('/versions: a snapshot that does not validate → 422 schema_mismatch, nothing appended; a valid one passes', async () => {
    const path = await openWithSchema();
    const bad = await api('POST', `${path}/versions`, {
      key: team.reviewer.key,
      body: { snapshot: { ...OUTPUT, invoice_date: '2026-02-30', total: -1 }, version_stamp: 0 },
    });
    const details = expectError(bad, 422, 'schema_mismatch');
    expect(details.issues.map((issue: { path: unknown }) => issue.path)).toEqual(
      expect.arrayContaining([['invoice_date'], ['total']]),
    );
    const missing = await api('POST', `${path}/versions`, {
      key: team.reviewer.key,
      body: { snapshot: { vendor: 'Acme', total: 1 }, version_stamp: 0 },
    });
    expect(expectError(missing, 422, 'schema_mismatch').issues[0].path).toEqual(['invoice_date']);
    const read = await api('GET', path, { key: team.reviewer.key });
    expect(read.body.rev).toBe(0);
    expect(read.body.versions).toHaveLength(1);

    const good = await api('POST', `${path}/versions`, {
      key: team.reviewer.key,
      body: { snapshot: { ...OUTPUT, total: 1300 }, version_stamp: 0 },
    });
    expect(good.status).toBe(200);
    expect(good.body.head_seq).toBe(1);
  });

  it('/decision with edited_output: refused when it does not validate, approved when it does', async () => {
    const path = await openWithSchema();
    const bad = await api('POST', `${path}/decision`, {
      key: team.reviewer.key,
      body: { verdict: 'approved', version_stamp: 0, edited_output: { ...OUTPUT, lines: [{ sku: 'A-1' }] } },
    });
    expect(expectError(bad, 422, 'schema_mismatch').issues[0].path).toEqual(['lines', 0, 'qty']);
    expect((await api('GET', path, { key: team.reviewer.key })).body.status).toBe('awaiting_review');

    const good = await api('POST', `${path}/decision`, {
      key: team.reviewer.key,
      body: { verdict: 'approved', version_stamp: 0, edited_output: { ...OUTPUT, vendor: 'ACME GmbH' } },
    });
    expect(good.status).toBe(200);
    expect(good.body.overlay.status).toBe('approved');
  });

  it('a stale stamp is still a version_conflict first, and a review without a schema takes any object', async () => {
    const path = await openWithSchema();
    expectError(
      await api('POST', `${path}/versions`, { key: team.reviewer.key, body: { snapshot: { x: 1 }, version_stamp: 5 } }),
      409,
      'version_conflict',
    );
    const plain = gateBody();
    await open(plain);
    const free = await api('POST', `${REVIEWS}/${plain.workflow_run_id}/${plain.block_id}/versions`, {
      key: team.reviewer.key,
      body: { snapshot: { anything: ['goes'] }, version_stamp: 0 },
    });
    expect(free.status).toBe(200);
  });
});

describe('body limit of a gate opening', () => {
  it('takes a body of 4 MiB and refuses one over 5 MiB with 413', async () => {
    const big = (bytes: number) => gateBody({ model_output: { blob: 'x'.repeat(bytes) } });
    // The history limit (8 MiB of snapshots) is not what refuses these.
    expect((await open(big(4 * 1024 * 1024))).status).toBe(201);
    const over = await open(big(5 * 1024 * 1024));
    expectError(over, 413, 'payload_too_large');
  });
});
