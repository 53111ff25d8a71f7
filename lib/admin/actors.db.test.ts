/**
 * What `npm run admin` and `npm run seed` leave in the database: organizations and actors made
 * once, keys stored only as hashes and accepted by the credential check, passwords replaced on
 * a second create-user, and a demo queue whose history is as consistent as real traffic's.
 */
import { inflateSync } from 'node:zlib';
import pg from 'pg';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import { DEMO_KEYS, DEMO_ORG, DEMO_PASSWORD } from '../../prisma/seed/demo-actors';
import {
  DOCUMENT_REVIEWS,
  LARGE_INVOICE_LINES,
  LARGE_INVOICE_RUN_ID,
} from '../../prisma/seed/documents/seed-documents';
import { seedDemo } from '../../prisma/seed/seed-demo';
import { resetDatabase } from '../../test/db';
import { hashApiKey } from '../auth/api-keys';
import { callerForApiKey } from '../auth/credentials';
import { verifyPassword } from '../auth/passwords';
import { prisma } from '../db/prisma';
import { DEMO_RECEIVER_URL, DEMO_WEBHOOK_SECRET } from '../webhooks/demo-receiver';
import { createApiKey, upsertUser } from './actors';

/** Every row of every application table as text, to search for a secret anywhere at all. */
async function wholeDatabaseAsText(): Promise<string> {
  const client = new pg.Client({ connectionString: inject('databaseUrl') });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables WHERE schemaname = current_schema()`,
    );
    const parts: string[] = [];
    for (const { name } of tables) {
      const { rows } = await client.query<{ row: string }>(`SELECT t::text AS row FROM ${name} t`);
      parts.push(...rows.map((row) => row.row));
    }
    return parts.join('\n');
  } finally {
    await client.end();
  }
}

describe('createApiKey', () => {
  beforeEach(resetDatabase);

  it('creates the organization and the actor once, and every key resolves to that actor', async () => {
    const first = await createApiKey({ orgSlug: 'acme', name: 'CI Bot', kind: 'agent', role: 'reviewer' });
    const second = await createApiKey({ orgSlug: 'acme', name: 'CI Bot', kind: 'agent', role: 'reviewer' });

    expect(second.actor.pk).toBe(first.actor.pk);
    expect(first.key).not.toBe(second.key);
    expect(first.key).toMatch(/^rik_[A-Za-z0-9_-]{43}$/);
    expect(first.actor.publicId).toMatch(/^act_[0-9a-f]{24}$/);
    expect(await prisma.organization.count()).toBe(1);
    expect(await prisma.actor.count()).toBe(1);
    expect(await prisma.apiKey.count()).toBe(2);

    for (const { key } of [first, second]) {
      expect(await callerForApiKey(key)).toEqual({
        pk: first.actor.pk,
        organizationId: first.organization.id,
        kind: 'agent',
        id: first.actor.publicId,
        display_name: 'CI Bot',
        role: 'reviewer',
      });
    }
  });

  it('keeps organizations, kinds and roles apart', async () => {
    const agent = await createApiKey({ orgSlug: 'acme', name: 'Ops', kind: 'agent', role: 'integration' });
    const human = await createApiKey({ orgSlug: 'acme', name: 'Ops', kind: 'human', role: 'admin' });
    const elsewhere = await createApiKey({ orgSlug: 'globex', name: 'Ops', kind: 'agent', role: 'lead' });

    expect(new Set([agent.actor.pk, human.actor.pk, elsewhere.actor.pk]).size).toBe(3);
    expect(elsewhere.organization.id).not.toBe(agent.organization.id);
    expect((await callerForApiKey(agent.key))?.role).toBe('integration');
    expect((await callerForApiKey(human.key))?.role).toBe('admin');
    expect(await callerForApiKey(elsewhere.key)).toMatchObject({
      role: 'lead',
      organizationId: elsewhere.organization.id,
    });
    expect(await callerForApiKey(`${agent.key}x`)).toBeNull();
  });

  it("refuses to change an existing actor's role through a new key", async () => {
    await createApiKey({ orgSlug: 'acme', name: 'Dana', kind: 'human', role: 'reviewer' });
    await expect(createApiKey({ orgSlug: 'acme', name: 'Dana', kind: 'human', role: 'admin' })).rejects.toThrow(
      /already exists with role reviewer/,
    );
    expect(await prisma.apiKey.count()).toBe(1);
  });

  it('stores only the hash: the key text appears nowhere in the database', async () => {
    const created = await createApiKey({ orgSlug: 'acme', name: 'CI Bot', kind: 'agent', role: 'reviewer' });
    const stored = await prisma.apiKey.findFirstOrThrow();
    expect(stored.keyHash).toBe(hashApiKey(created.key));
    expect(stored.prefix).toBe(created.key.slice(0, 12));

    const everything = await wholeDatabaseAsText();
    expect(everything).toContain(stored.keyHash);
    expect(everything).not.toContain(created.key);
    // Nor any telling part of it beyond the short prefix people use to tell keys apart.
    expect(everything).not.toContain(created.key.slice(12));
  });

  it('returns an explicit (demo) key again instead of failing when it already exists for the actor', async () => {
    const first = await createApiKey({
      orgSlug: 'acme',
      name: 'Engine',
      kind: 'agent',
      role: 'integration',
      key: 'rik_fixed_test',
    });
    const again = await createApiKey({
      orgSlug: 'acme',
      name: 'Engine',
      kind: 'agent',
      role: 'integration',
      key: 'rik_fixed_test',
    });
    expect(again.actor.pk).toBe(first.actor.pk);
    expect(await prisma.apiKey.count()).toBe(1);
    await expect(
      createApiKey({
        orgSlug: 'acme',
        name: 'Someone else',
        kind: 'agent',
        role: 'integration',
        key: 'rik_fixed_test',
      }),
    ).rejects.toThrow(/already issued/);
  });
});

describe('upsertUser', () => {
  beforeEach(resetDatabase);

  it('creates a human who can sign in, and replaces the password (signing out sessions) the second time', async () => {
    const created = await upsertUser({
      orgSlug: 'acme',
      email: 'Dana@Example.com ',
      name: 'Dana',
      role: 'reviewer',
      password: 'first-password',
    });
    expect(created.created).toBe(true);
    expect(created.actor).toMatchObject({
      kind: 'human',
      role: 'reviewer',
      email: 'dana@example.com',
      displayName: 'Dana',
    });
    const session = await prisma.session.create({
      data: { actorId: created.actor.pk, tokenHash: 'f'.repeat(64), expiresAt: new Date(Date.now() + 3_600_000) },
    });

    const updated = await upsertUser({
      orgSlug: 'acme',
      email: 'dana@example.com',
      name: 'Dana',
      role: 'reviewer',
      password: 'second-password',
    });
    expect(updated.created).toBe(false);
    expect(updated.actor.pk).toBe(created.actor.pk);
    expect(await prisma.actor.count()).toBe(1);

    const row = await prisma.actor.findUniqueOrThrow({ where: { id: created.actor.pk } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(row.passwordHash ?? '', 'second-password')).toBe(true);
    expect(await verifyPassword(row.passwordHash ?? '', 'first-password')).toBe(false);
    expect((await prisma.session.findUniqueOrThrow({ where: { id: session.id } })).revokedAt).not.toBeNull();
    expect(await wholeDatabaseAsText()).not.toContain('second-password');
  });

  it('gives the email to a same-named human created earlier by create-key, rather than making a twin', async () => {
    const keyed = await createApiKey({ orgSlug: 'acme', name: 'Morgan', kind: 'human', role: 'lead' });
    const user = await upsertUser({
      orgSlug: 'acme',
      email: 'morgan@example.com',
      name: 'Morgan',
      role: 'lead',
      password: 'a-password',
    });
    expect(user.actor.pk).toBe(keyed.actor.pk);
    expect(await prisma.actor.count()).toBe(1);
  });

  it('refuses an email that belongs to another organization', async () => {
    await upsertUser({ orgSlug: 'acme', email: 'x@example.com', name: 'X', role: 'reviewer', password: 'a-password' });
    await expect(
      upsertUser({ orgSlug: 'globex', email: 'x@example.com', name: 'X', role: 'reviewer', password: 'b-password' }),
    ).rejects.toThrow(/another organization/);
  });
});

/** Every content stream of a PDF, inflated: where pdf-lib writes the text it draws. */
function pageText(pdf: Buffer): string {
  const text = pdf.toString('latin1');
  const streams: string[] = [];
  for (const match of text.matchAll(/stream\r?\n/g)) {
    const start = (match.index ?? 0) + match[0].length;
    const end = text.indexOf('endstream', start);
    try {
      streams.push(inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch {
      // Not a deflated stream (an embedded font's metrics, say): no text of ours in it.
    }
  }
  return streams.join('\n');
}

/**
 * The document reviews: each cites a stored PDF whose text holds what each citation says, under
 * a schema the output validates against, with some uncertain fields; one invoice of 400 lines.
 */
async function expectDocumentReviews(organizationId: string): Promise<void> {
  const contexts = await prisma.overlayContext.findMany({
    where: { overlay: { organizationId } },
    select: {
      sources: true,
      jsonSchema: true,
      likelihoods: true,
      citations: true,
      overlay: { select: { workflowRunId: true } },
    },
  });
  expect(contexts).toHaveLength(DOCUMENT_REVIEWS);
  let uncertain = 0;
  for (const context of contexts) {
    const [source] = context.sources as { file_id: string }[];
    const file = await prisma.file.findUniqueOrThrow({ where: { id: source?.file_id ?? '' } });
    expect(file.mimeType).toBe('application/pdf');
    const blob = await prisma.fileBlob.findUniqueOrThrow({
      where: { organizationId_sha256: { organizationId, sha256: file.sha256 } },
    });
    const bytes = Buffer.from(blob.bytes);
    expect(bytes.toString('latin1').startsWith('%PDF-')).toBe(true);
    const pdf = pageText(bytes);
    const citations = context.citations as Record<string, { page: number; text: string; bbox: number[] }[]>;
    for (const [pointer, [box]] of Object.entries(citations)) {
      // pdf-lib writes each text run as a hex string.
      const hex = Buffer.from(box?.text ?? '', 'latin1')
        .toString('hex')
        .toUpperCase();
      expect(pdf, pointer).toContain(`<${hex}>`);
      expect(box?.page).toBeLessThanOrEqual(file.pageCount ?? 0);
    }
    const leaves = JSON.stringify(context.likelihoods).match(/\d\.\d+|\b[01]\b/g) ?? [];
    uncertain += leaves.filter((value) => Number(value) < 0.6).length;
  }
  expect(uncertain).toBeGreaterThan(10);
  const large = await prisma.outputVersion.findFirstOrThrow({
    where: { seq: 0, overlay: { workflowRunId: LARGE_INVOICE_RUN_ID } },
    select: { snapshot: true },
  });
  expect((large.snapshot as { line_items: unknown[] }).line_items).toHaveLength(LARGE_INVOICE_LINES);
}

describe('seedDemo', () => {
  beforeEach(resetDatabase);

  it('builds the demo queue through the service, with contiguous history, and runs only once', {
    timeout: 120_000,
  }, async () => {
    const now = new Date();
    const result = await seedDemo({ now });
    if (!result.seeded) throw new Error('expected a fresh seed');

    const demo = await prisma.organization.findUniqueOrThrow({ where: { slug: DEMO_ORG.slug } });
    expect(demo.name).toBe('Acme Finance Ops');
    const grouped = await prisma.overlay.groupBy({
      by: ['status'],
      where: { organizationId: demo.id },
      _count: { _all: true },
    });
    const counts = Object.fromEntries(grouped.map((group) => [group.status, group._count._all]));
    expect(counts).toEqual(result.byStatus);
    // The queue (300 reviews), a month of decided work besides it (420) and the document reviews.
    expect(result.overlays).toBe(720 + DOCUMENT_REVIEWS);
    expect(result.byStatus.awaiting_review).toBeGreaterThan(150 + DOCUMENT_REVIEWS);
    expect(result.byStatus.awaiting_review).toBeLessThan(215 + DOCUMENT_REVIEWS);
    expect(result.byStatus.rejected / (result.byStatus.approved + result.byStatus.rejected)).toBeGreaterThan(0.1);
    expect(result.byStatus.rejected / (result.byStatus.approved + result.byStatus.rejected)).toBeLessThan(0.3);

    // What the dashboard is meant to show off: decisions on most days of the last 30, by every
    // reviewer, a good share of them approvals with edits, and SLA minutes set.
    const perDay = await prisma.decisionCount.groupBy({ by: ['day'], where: { organizationId: demo.id } });
    expect(perDay.length).toBeGreaterThanOrEqual(25);
    const byReviewer = await prisma.decisionFact.groupBy({
      by: ['decidedById'],
      where: { organizationId: demo.id },
      _count: { _all: true },
    });
    expect(byReviewer.filter((row) => row._count._all >= 30).length).toBeGreaterThanOrEqual(3);
    const outcomes = await prisma.decisionFact.groupBy({
      by: ['outcome'],
      where: { organizationId: demo.id },
      _count: { _all: true },
    });
    const edited = outcomes.find((row) => row.outcome === 'approved_with_edits')?._count._all ?? 0;
    expect(edited / result.overlays).toBeGreaterThan(0.15);
    expect(
      await prisma.correctionCount.count({ where: { organizationId: demo.id, corrected: { gt: 0 } } }),
    ).toBeGreaterThan(50);
    expect(await prisma.organizationSettings.count({ where: { organizationId: demo.id } })).toBe(1);

    // The mix the inbox is meant to show off.
    const awaiting = { organizationId: demo.id, status: 'awaiting_review' as const };
    expect(await prisma.overlay.count({ where: { ...awaiting, claimExpiresAt: { gt: now } } })).toBeGreaterThan(10);
    expect(await prisma.overlay.count({ where: { ...awaiting, claimExpiresAt: { lte: now } } })).toBeGreaterThan(5);
    expect(await prisma.overlay.count({ where: { ...awaiting, headSeq: { gt: 0 } } })).toBeGreaterThan(10);
    expect(await prisma.overlay.count({ where: { organizationId: demo.id, priority: 10 } })).toBeGreaterThan(0);
    expect(await prisma.decision.count({ where: { supersedesId: { not: null } } })).toBeGreaterThanOrEqual(2);
    expect(await prisma.outputVersion.count({ where: { origin: 'revert' } })).toBeGreaterThan(0);
    const approvedEarlier = await prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM overlays WHERE status = 'approved' AND effective_seq < head_seq`;
    expect(approvedEarlier[0]?.n).toBeGreaterThan(0);
    const workflows = await prisma.overlay.findMany({
      where: { organizationId: demo.id },
      distinct: ['workflowId'],
      select: { workflowId: true },
    });
    expect(workflows.length).toBeGreaterThanOrEqual(5);
    const blockTypes = await prisma.overlay.findMany({ distinct: ['blockType'], select: { blockType: true } });
    expect(blockTypes.map((row) => row.blockType).sort()).toEqual([
      'classifier',
      'conditional',
      'extract',
      'for_each',
      'split',
    ]);

    // Every overlay's audit trail: one or more entries per rev from 0 to the overlay's rev, each
    // observing the rev before it, at times that never go backwards, and never in the future.
    const overlays = await prisma.overlay.findMany({
      select: {
        blockRunId: true,
        rev: true,
        headSeq: true,
        audit: {
          orderBy: [{ revResult: 'asc' }, { ordinal: 'asc' }],
          select: { event: true, revObserved: true, revResult: true, ordinal: true, at: true },
        },
        versions: { orderBy: { seq: 'asc' }, select: { seq: true } },
      },
    });
    expect(overlays.length).toBe(result.overlays + 4);
    for (const overlay of overlays) {
      const revs = [...new Set(overlay.audit.map((entry) => entry.revResult))];
      expect(revs, overlay.blockRunId).toEqual(Array.from({ length: overlay.rev + 1 }, (_, rev) => rev));
      expect(overlay.audit[0]).toMatchObject({ event: 'gate_opened', revObserved: 0, revResult: 0, ordinal: 0 });
      let previousAt = 0;
      for (const [index, entry] of overlay.audit.entries()) {
        if (index > 0) expect(entry.revObserved, overlay.blockRunId).toBe(entry.revResult - 1);
        const sameRev = overlay.audit.filter((other) => other.revResult === entry.revResult);
        expect(sameRev.map((other) => other.ordinal)).toEqual(sameRev.map((_, ordinal) => ordinal));
        expect(entry.at.getTime()).toBeGreaterThanOrEqual(previousAt);
        expect(entry.at.getTime()).toBeLessThanOrEqual(now.getTime());
        previousAt = entry.at.getTime();
      }
      expect(overlay.versions.map((version) => version.seq)).toEqual(
        Array.from({ length: overlay.headSeq + 1 }, (_, seq) => seq),
      );
    }

    await expectDocumentReviews(demo.id);

    for (const demoKey of DEMO_KEYS) {
      const caller = await callerForApiKey(demoKey.key);
      const org = await prisma.organization.findUniqueOrThrow({ where: { slug: demoKey.orgSlug } });
      expect(caller, demoKey.key).toMatchObject({
        role: demoKey.role,
        kind: demoKey.kind,
        display_name: demoKey.name,
        organizationId: org.id,
      });
    }
    for (const login of result.logins) {
      const person = await prisma.actor.findUniqueOrThrow({ where: { email: login.email } });
      expect(person).toMatchObject({ organizationId: demo.id, role: login.role, kind: 'human' });
      expect(await verifyPassword(person.passwordHash ?? '', DEMO_PASSWORD)).toBe(true);
    }

    // The example receiver's endpoint comes after the history: only what happens next goes to it.
    const endpoints = await prisma.webhookEndpoint.findMany();
    expect(endpoints).toMatchObject([{ organizationId: demo.id, url: DEMO_RECEIVER_URL, secret: DEMO_WEBHOOK_SECRET }]);
    expect(await prisma.webhookDelivery.count()).toBe(0);

    const again = await seedDemo({ now });
    expect(again.seeded).toBe(false);
    expect(await prisma.overlay.count()).toBe(overlays.length);
    expect(await prisma.apiKey.count()).toBe(DEMO_KEYS.length);
  });
});
