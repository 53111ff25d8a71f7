/**
 * Hand-written SQL for one overlay: each function is one statement, so a command costs a fixed
 * number of round trips whatever the length of its history (see service.ts for the sequence).
 */
import { z } from 'zod';
import { Prisma } from '../db/generated/client';
import { prisma } from '../db/prisma';
import { queryRows, type SqlValue, statement } from '../db/sql';
import { column, type RowOf, rowSchema, selectList } from '../db/typed-select';
import { anyEnabledEndpoint } from '../webhooks/new-events';
import type { OutboxPlan, Plan } from './rules';
import { ZActorKind, ZAuditEvent, ZOverlayStatus } from './schemas';
import { contextJsonText, OverlayJson, type StoredContext } from './wire';

type ReopenedEvent = Extract<OutboxPlan, { eventType: 'review.reopened' }>;

export interface OverlayKey {
  organizationId: string;
  runId: string;
  blockId: string;
}

const int = z.number().int();
/** Ids of type uuid arrive as text. */
const uuid = z.string();

/**
 * Everything `planCommand` needs, for an overlay `o`, its claim holder `h` and its latest audit
 * entry `la`, plus the caller's idempotency record `ir` of the command id, if any. What only a plan
 * needs is read only when `rev` is the expected one (`fresh`), and the latest audit entry, which
 * only a 409 shows, only when it is not: a stale stamp costs the overlay's row and one entry.
 */
function stateColumns(measureSeq: SqlValue<number | null>, fresh: Prisma.Sql) {
  const ifFresh = (expression: Prisma.Sql | string) =>
    Prisma.sql`CASE WHEN ${fresh} THEN ${typeof expression === 'string' ? Prisma.raw(expression) : expression} END`;
  return {
    id: column('o.id', uuid),
    run_pk: column('o.run_pk', uuid),
    status: column('o.status::text', ZOverlayStatus),
    rev: column('o.rev', int),
    head_seq: column('o.head_seq', int),
    snapshot_bytes: column('o.snapshot_bytes', int),
    /** Stored bytes of the snapshot of the version the query asked to measure, if it exists. */
    measured_snapshot_bytes: column(
      ifFresh(
        Prisma.sql`(SELECT octet_length(v.snapshot::text) FROM output_versions v WHERE v.overlay_id = o.id AND v.seq = ${measureSeq}::int)`,
      ),
      int.nullable(),
    ),
    effective_seq: column('o.effective_seq', int.nullable()),
    decided_at: column('o.decided_at', z.date().nullable()),
    awaiting_since: column('o.awaiting_since', z.date()),
    claim_holder_pk: column('h.id', uuid.nullable()),
    claim_holder_kind: column('h.kind::text', ZActorKind.nullable()),
    claim_holder_id: column('h.public_id', z.string().nullable()),
    claim_holder_name: column('h.display_name', z.string().nullable()),
    claimed_at: column('o.claimed_at', z.date().nullable()),
    claim_expires_at: column('o.claim_expires_at', z.date().nullable()),
    last_decision_id: column(
      ifFresh('(SELECT d.id FROM decisions d WHERE d.overlay_id = o.id ORDER BY d.decided_at DESC, d.id DESC LIMIT 1)'),
      z.string().nullable(),
    ),
    last_event: column('la.event', ZAuditEvent.nullable()),
    last_event_at: column('la.at', z.date().nullable()),
    last_actor_pk: column('la.actor_pk', uuid.nullable()),
    last_actor_kind: column('la.kind', ZActorKind.nullable()),
    last_actor_id: column('la.public_id', z.string().nullable()),
    last_actor_name: column('la.display_name', z.string().nullable()),
    replay_command: column('ir.command', z.string().nullable()),
    replay_fingerprint: column('ir.fingerprint', z.string().nullable()),
    replay_decision_id: column('ir.decision_id', z.string().nullable()),
    /** Snapshots are validated against the schema of this hash (see output-validators.ts). */
    json_schema_sha256: column(
      ifFresh('(SELECT c.json_schema_sha256 FROM overlay_context c WHERE c.overlay_id = o.id)'),
      z.string().nullable(),
    ),
  };
}

export type OverlayStateRow = RowOf<ReturnType<typeof stateColumns>>;
const ZOverlayStateRow = rowSchema(stateColumns(null, Prisma.sql`true`));

export interface OverlayStateQuery {
  key: OverlayKey;
  /** A command id is the caller's own: another actor's identical call is a command of its own. */
  actorPk: string;
  commandId: string | null;
  /** The version whose snapshot a revert would copy: its size counts towards the history's. */
  measureSeq: number | null;
  /**
   * The caller's stamp. When `rev` differs, the row holds only what a 409 and a replay need: the
   * claim, the last decision, the measured size and the schema's hash are null, and the latest
   * change is read instead (it is null whenever the stamp matches).
   */
  expectedRev: number;
}

const SELECT_OVERLAY_STATE = statement<{
  organizationId: string;
  runId: string;
  blockId: string;
  actorPk: string;
  commandId: string | null;
  measureSeq: number | null;
  expectedRev: number;
}>((args) => {
  const fresh = Prisma.sql`o.rev = ${args.expectedRev}::int`;
  return Prisma.sql`
    SELECT ${selectList(stateColumns(args.measureSeq, fresh))}
      FROM overlays o
      LEFT JOIN actors h ON h.id = o.claim_holder_id AND ${fresh}
      LEFT JOIN LATERAL (
        SELECT a.event::text AS event, a.at, ac.id AS actor_pk, ac.kind::text AS kind, ac.public_id, ac.display_name
          FROM audit_entries a JOIN actors ac ON ac.id = a.actor_id
         WHERE a.overlay_id = o.id AND NOT ${fresh}
         ORDER BY a.rev_result DESC, a.ordinal DESC
         LIMIT 1
      ) la ON true
      LEFT JOIN idempotency_records ir
             ON ir.overlay_id = o.id AND ir.actor_id = ${args.actorPk}::uuid AND ir.command_id = ${args.commandId}::text
     WHERE o.organization_id = ${args.organizationId}::uuid
       AND o.workflow_run_id = ${args.runId}
       AND o.block_id = ${args.blockId}`;
});

export async function selectOverlayState({
  key,
  actorPk,
  commandId,
  measureSeq,
  expectedRev,
}: OverlayStateQuery): Promise<OverlayStateRow | null> {
  const rows = await SELECT_OVERLAY_STATE.rows({ ...key, actorPk, commandId, measureSeq, expectedRev });
  return rows[0] === undefined ? null : ZOverlayStateRow.parse(rows[0]);
}

/** The JSON Schema of an overlay, read only when its compiled validator is not cached. */
export async function selectJsonSchema(overlayId: string): Promise<unknown> {
  const rows = await prisma.$queryRaw<{ json_schema: unknown }[]>`
    SELECT json_schema FROM overlay_context WHERE overlay_id = ${overlayId}::uuid`;
  return rows[0]?.json_schema ?? null;
}

/** Whether the organization has this review: a plain lookup by the overlay's unique key. */
export async function overlayExists(key: OverlayKey): Promise<boolean> {
  const found = await prisma.overlay.findUnique({
    where: {
      organizationId_workflowRunId_blockId: {
        organizationId: key.organizationId,
        workflowRunId: key.runId,
        blockId: key.blockId,
      },
    },
    select: { id: true },
  });
  return found !== null;
}

/** An actor row `alias` as the contract's Actor object. */
export const actorJson = (alias: string) =>
  Prisma.raw(
    `json_build_object('kind', ${alias}.kind, 'id', ${alias}.public_id, 'display_name', ${alias}.display_name)`,
  );

export const ZJsonActor = z.object({ kind: ZActorKind, id: z.string(), display_name: z.string() });
export type JsonActor = z.infer<typeof ZJsonActor>;

/** Where an overlay's history rows come from: its tables, or those plus what a write just added. */
interface HistorySources {
  versions: Prisma.Sql;
  decisions: Prisma.Sql;
  audit: Prisma.Sql;
}

function historyOf(overlayAlias: string): HistorySources {
  const mine = (table: string) => Prisma.raw(`(SELECT * FROM ${table} WHERE overlay_id = ${overlayAlias}.id)`);
  return { versions: mine('output_versions'), decisions: mine('decisions'), audit: mine('audit_entries') };
}

/** A timestamp as the contract (and `Date.prototype.toISOString`) writes it: UTC, milliseconds, `Z`. */
export const iso = (expression: string) =>
  Prisma.raw(`to_char(${expression} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/** The contract's Actor object for the actor row `alias`, as compact JSON. */
export const actorObject = (alias: string) =>
  Prisma.raw(`(SELECT row_to_json(a) FROM (SELECT ${alias}.kind, ${alias}.public_id AS id, ${alias}.display_name) a)`);

/**
 * `[…]` as compact JSON text: an object per row of `from`, with the keys of `fields` in their
 * order. (`row_to_json` writes no whitespace; json_build_object and json_agg do.)
 */
function jsonArrayText(fields: Prisma.Sql, from: Prisma.Sql, order: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(SELECT coalesce('[' || string_agg(row_to_json(r)::text, ',' ORDER BY ${order}) || ']', '[]')
       FROM ${from} CROSS JOIN LATERAL (SELECT ${fields}) r)`;
}

/**
 * The fields of an overlay `o` before its trigger, `{"_id":…,"block_type":…}`, as compact JSON
 * text in the contract's key order: the same on an overlay and on a queue item.
 */
export const OVERLAY_HEAD_JSON = Prisma.raw(`(SELECT row_to_json(r)::text FROM (SELECT o.block_run_id AS _id,
       o.organization_id, o.workflow_id, o.workflow_version_id, o.workflow_run_id, o.block_id, o.block_run_id,
       o.block_type) r)`);

/**
 * The fields of an overlay `o` with its claim holder `h` after its trigger,
 * `{"status":…,"reviewable_value":null}`, at `now` (an expired claim is no claim): the same on an
 * overlay and on a queue item.
 */
export function overlayMiddleJson(now: SqlValue<Date>): Prisma.Sql {
  return Prisma.sql`(SELECT row_to_json(r)::text FROM (SELECT o.status, ${iso('o.awaiting_since')} AS awaiting_since,
       ${iso('o.decided_at')} AS decided_at, o.priority, o.rev, o.rev AS version_stamp,
       CASE WHEN h.id IS NOT NULL AND o.claimed_at IS NOT NULL AND o.claim_expires_at > ${now}::timestamptz THEN
         (SELECT row_to_json(c) FROM (SELECT ${actorObject('h')} AS holder, ${iso('o.claimed_at')} AS claimed_at,
                                             ${iso('o.claim_expires_at')} AS expires_at) c)
       END AS claim,
       o.head_seq, o.effective_seq, NULL::json AS reviewable_value) r)`;
}

/**
 * An overlay `o` with its claim holder `h` and its history, as the parts of the contract's JSON
 * in the contract's key order, built by PostgreSQL so that Node only joins them (overlayJsonOf).
 * The jsonb values, the trigger and the audit details, come parsed: PostgreSQL writes jsonb with
 * spaces, and JSON.stringify writes them compact as the rest.
 */
function overlayJsonColumns(history: HistorySources, now: SqlValue<Date>): Prisma.Sql {
  return Prisma.sql`
    o.rev,
    ${OVERLAY_HEAD_JSON} AS head,
    o.triggered_by,
    ${overlayMiddleJson(now)} AS middle,
    ${jsonArrayText(
      Prisma.sql`v.seq, v.parent_seq, v.origin, ${actorObject('va')} AS author, v.snapshot, v.content_sha256,
                 v.note, ${iso('v.created_at')} AS created_at`,
      Prisma.sql`${history.versions} v JOIN actors va ON va.id = v.author_id`,
      Prisma.sql`v.seq`,
    )} AS versions,
    ${jsonArrayText(
      Prisma.sql`d.id AS decision_id, d.verdict, ${actorObject('da')} AS decided_by,
                 ${iso('d.decided_at')} AS decided_at, d.on_seq, d.effective_seq, d.reason,
                 d.supersedes_id AS supersedes_decision_id`,
      Prisma.sql`${history.decisions} d JOIN actors da ON da.id = d.decided_by_id`,
      Prisma.sql`d.decided_at, d.id`,
    )} AS decisions,
    (SELECT coalesce(json_agg(r ORDER BY a.rev_result, a.ordinal), '[]'::json)
       FROM ${history.audit} a JOIN actors aa ON aa.id = a.actor_id
       CROSS JOIN LATERAL (SELECT a.id AS entry_id, a.event, a.event AS action, ${actorObject('aa')} AS actor,
                                  ${iso('a.at')} AS at, a.rev_observed, a.rev_result, a.detail) r) AS audit,
    ${GATE_CONTEXT_SQL} AS context`;
}

interface OverlayJsonRow {
  rev: number;
  /** `{"_id":…,"block_type":…}`, and after the trigger, `{"status":…,"reviewable_value":null}`. */
  head: string;
  triggered_by: unknown;
  middle: string;
  versions: string;
  decisions: string;
  audit: unknown[];
  /** What the gate brought besides the output; null when it brought none of it. */
  context: StoredContext | null;
}

/** What the gate brought besides the output, for an overlay `o`, as json; null when none. */
export const GATE_CONTEXT_SQL =
  Prisma.raw(`(SELECT json_build_object('sources', c.sources, 'json_schema', c.json_schema,
                           'likelihoods', c.likelihoods, 'citations', c.citations)
   FROM overlay_context c WHERE c.overlay_id = o.id)`);

function overlayJsonOf(rows: OverlayJsonRow[]): OverlayJson | null {
  const row = rows[0];
  if (row === undefined) return null;
  const text =
    `${row.head.slice(0, -1)},"triggered_by":${JSON.stringify(row.triggered_by)},${row.middle.slice(1, -1)},` +
    `${contextJsonText(row.context)},"versions":${row.versions},"decisions":${row.decisions},"audit":${JSON.stringify(row.audit)}}`;
  return new OverlayJson(text, row.rev);
}

const SELECT_OVERLAY = statement<OverlayKey & { now: Date }>(
  (args) => Prisma.sql`
    SELECT ${overlayJsonColumns(historyOf('o'), args.now)}
      FROM overlays o
      LEFT JOIN actors h ON h.id = o.claim_holder_id
     WHERE o.organization_id = ${args.organizationId}::uuid
       AND o.workflow_run_id = ${args.runId}
       AND o.block_id = ${args.blockId}`,
);

/** One overlay with its whole history, as the contract's JSON at `now`, in a single round trip. */
export async function selectOverlay(key: OverlayKey, now: Date): Promise<OverlayJson | null> {
  return overlayJsonOf(await SELECT_OVERLAY.rows<OverlayJsonRow>({ ...key, now }));
}

/** The ids every event about an overlay starts with, in the contract's order. */
const eventSubjectColumns = Prisma.raw(
  `'organization_id', upd.organization_id, 'workflow_id', upd.workflow_id, 'workflow_run_id', upd.workflow_run_id, ` +
    `'block_id', upd.block_id, 'block_run_id', upd.block_run_id`,
);

export interface WritePlanInput {
  overlayId: string;
  organizationId: string;
  expectedRev: number;
  actorPk: string;
  now: Date;
  plan: Plan;
  /** The snapshot a new version brings, as JSON text (absent for a revert, which copies one). */
  snapshotJson: string | null;
  snapshotSha256: string | null;
  decisionId: string | null;
  auditIds: string[];
  idempotency: { commandId: string; command: string; fingerprint: string } | null;
  /** The caller as downstream events name them (`decided_by`, `reopened_by`). */
  actor: JsonActor;
}

/** What one write sends: every value of a plan, flat, as the statement's slots take them. */
interface WriteArgs {
  overlayId: string;
  expectedRev: number;
  actorPk: string;
  now: Date;
  status: string;
  headSeq: number;
  snapshotBytes: number;
  effectiveSeq: number | null;
  decidedAt: Date | null;
  awaitingSince: Date;
  claimHolderPk: string | null;
  claimedAt: Date | null;
  claimExpiresAt: Date | null;
  hasVersion: boolean;
  copyOfSeq: number | null;
  versionSeq: number | null;
  parentSeq: number | null;
  origin: string | null;
  snapshotJson: string | null;
  snapshotSha256: string | null;
  note: string | null;
  hasDecision: boolean;
  decisionId: string | null;
  verdict: string | null;
  onSeq: number | null;
  decisionEffectiveSeq: number | null;
  reason: string | null;
  supersedesId: string | null;
  auditJson: string;
  actorJson: string;
  decided: boolean;
  reopened: boolean;
  reopenReason: string | null;
  reopenedDecisionId: string | null;
  hasIdempotency: boolean;
  commandId: string | null;
  command: string | null;
  fingerprint: string | null;
  addsEvents: boolean;
}

const WRITE_PLAN = statement<WriteArgs>(
  (args) => Prisma.sql`
    WITH upd AS (
      UPDATE overlays SET
        status = ${args.status}::overlay_status,
        head_seq = ${args.headSeq}::int,
        snapshot_bytes = ${args.snapshotBytes}::int,
        effective_seq = ${args.effectiveSeq}::int,
        decided_at = ${args.decidedAt}::timestamptz,
        awaiting_since = ${args.awaitingSince}::timestamptz,
        claim_holder_id = ${args.claimHolderPk}::uuid,
        claimed_at = ${args.claimedAt}::timestamptz,
        claim_expires_at = ${args.claimExpiresAt}::timestamptz,
        rev = rev + 1,
        updated_at = ${args.now}::timestamptz
      WHERE id = ${args.overlayId}::uuid AND rev = ${args.expectedRev}::int
      RETURNING *
    ),
    source AS (
      SELECT v.snapshot, v.content_sha256 FROM output_versions v
       WHERE v.overlay_id = ${args.overlayId}::uuid AND v.seq = ${args.copyOfSeq}::int
    ),
    ins_version AS (
      INSERT INTO output_versions (overlay_id, seq, parent_seq, origin, author_id, snapshot, content_sha256, note, created_at)
      SELECT upd.id, ${args.versionSeq}::int, ${args.parentSeq}::int,
             ${args.origin}::version_origin, ${args.actorPk}::uuid,
             coalesce(${args.snapshotJson}::json, (SELECT snapshot FROM source)),
             coalesce(${args.snapshotSha256}::text, (SELECT content_sha256 FROM source)),
             ${args.note}::text, ${args.now}::timestamptz
        FROM upd WHERE ${args.hasVersion}::boolean
      RETURNING *
    ),
    ins_decision AS (
      INSERT INTO decisions (id, overlay_id, verdict, decided_by_id, decided_at, on_seq, effective_seq, reason, supersedes_id)
      SELECT ${args.decisionId}::text, upd.id, ${args.verdict}::verdict, ${args.actorPk}::uuid,
             ${args.now}::timestamptz, ${args.onSeq}::int, ${args.decisionEffectiveSeq}::int,
             ${args.reason}::text, ${args.supersedesId}::text
        FROM upd WHERE ${args.hasDecision}::boolean
      RETURNING *
    ),
    ins_audit AS (
      INSERT INTO audit_entries (id, overlay_id, event, actor_id, at, rev_observed, rev_result, ordinal, detail)
      SELECT e.id, upd.id, e.event::audit_event, ${args.actorPk}::uuid, ${args.now}::timestamptz,
             ${args.expectedRev}::int, upd.rev, e.ordinal, e.detail
        FROM upd, jsonb_to_recordset(${args.auditJson}::jsonb) AS e(id text, event text, ordinal int, detail jsonb)
      RETURNING *
    ),
    ins_decided_event AS (
      INSERT INTO outbox_events (organization_id, overlay_id, decision_id, event_type, payload, created_at)
      SELECT upd.organization_id, upd.id, d.id, 'review.decided', json_build_object(
               ${eventSubjectColumns}, 'decision_id', d.id, 'verdict', d.verdict,
               'decided_by', ${args.actorJson}::json, 'reason', d.reason,
               'on_seq', d.on_seq, 'effective_seq', d.effective_seq,
               'effective_output', CASE WHEN d.effective_seq IS NOT NULL THEN
                 coalesce(${args.snapshotJson}::json,
                          (SELECT v.snapshot FROM output_versions v WHERE v.overlay_id = upd.id AND v.seq = d.effective_seq))
               END,
               'supersedes_decision_id', d.supersedes_id, 'rev', upd.rev),
             ${args.now}::timestamptz
        FROM upd, ins_decision d WHERE ${args.decided}::boolean
    ),
    ins_reopened_event AS (
      INSERT INTO outbox_events (organization_id, overlay_id, event_type, payload, created_at)
      SELECT upd.organization_id, upd.id, 'review.reopened', json_build_object(
               ${eventSubjectColumns}, 'reopened_by', ${args.actorJson}::json,
               'reason', ${args.reopenReason}::text,
               'reopened_decision_id', ${args.reopenedDecisionId}::text,
               'rev', upd.rev),
             ${args.now}::timestamptz
        FROM upd WHERE ${args.reopened}::boolean
    ),
    ins_idempotency AS (
      INSERT INTO idempotency_records (overlay_id, command_id, command, fingerprint, actor_id, rev_result, decision_id, created_at)
      SELECT upd.id, ${args.commandId}::text, ${args.command}::text,
             ${args.fingerprint}::text, ${args.actorPk}::uuid, upd.rev,
             ${args.decisionId}::text, ${args.now}::timestamptz
        FROM upd WHERE ${args.hasIdempotency}::boolean
    )
    SELECT ${overlayJsonColumns(
      {
        versions: Prisma.sql`(SELECT * FROM output_versions WHERE overlay_id = o.id UNION ALL SELECT * FROM ins_version)`,
        decisions: Prisma.sql`(SELECT * FROM decisions WHERE overlay_id = o.id UNION ALL SELECT * FROM ins_decision)`,
        audit: Prisma.sql`(SELECT * FROM audit_entries WHERE overlay_id = o.id UNION ALL SELECT * FROM ins_audit)`,
      },
      args.now,
    )},
           ${args.addsEvents}::boolean AND ${anyEnabledEndpoint(Prisma.raw('o.organization_id'))} AS deliveries_possible
      FROM upd o
      LEFT JOIN actors h ON h.id = o.claim_holder_id`,
);

/** What a write produced, and whether any webhook delivery can have come of its events. */
export interface Written {
  overlay: OverlayJson;
  deliveriesPossible: boolean;
}

/**
 * Applies a plan in one statement and answers with the overlay it produced. Every insert hangs
 * off the compare-and-swap UPDATE, so when another call moved `rev` first, nothing at all is
 * written and the caller gets `null`.
 *
 * The overlay is read back in the same statement: the statement's snapshot holds every history
 * row committed before it, and the rows it inserts come from RETURNING. Nothing can slip in
 * between: any other write to this overlay would have moved `rev`, and then this UPDATE matches
 * nothing.
 */
export async function writePlan(input: WritePlanInput): Promise<Written | null> {
  const { plan, now } = input;
  const { next, version, decision } = plan;
  const { idempotency } = input;
  const audit = plan.audit.map((entry, ordinal) => ({
    id: input.auditIds[ordinal],
    event: entry.event,
    ordinal,
    detail: entry.detail,
  }));
  const reopened = plan.outbox.find((event): event is ReopenedEvent => event.eventType === 'review.reopened') ?? null;
  const rows = await WRITE_PLAN.rows<OverlayJsonRow & { deliveries_possible: boolean }>({
    overlayId: input.overlayId,
    expectedRev: input.expectedRev,
    actorPk: input.actorPk,
    now,
    status: next.status,
    headSeq: next.headSeq,
    snapshotBytes: next.snapshotBytes,
    effectiveSeq: next.effectiveSeq,
    decidedAt: next.decidedAt,
    awaitingSince: next.awaitingSince,
    claimHolderPk: next.claim?.holder.pk ?? null,
    claimedAt: next.claim?.claimedAt ?? null,
    claimExpiresAt: next.claim?.expiresAt ?? null,
    hasVersion: version !== null,
    copyOfSeq: version?.copyOfSeq ?? null,
    versionSeq: version?.seq ?? null,
    parentSeq: version?.parentSeq ?? null,
    origin: version?.origin ?? null,
    snapshotJson: input.snapshotJson,
    snapshotSha256: input.snapshotSha256,
    note: version?.note ?? null,
    hasDecision: decision !== null,
    decisionId: input.decisionId,
    verdict: decision?.verdict ?? null,
    onSeq: decision?.onSeq ?? null,
    decisionEffectiveSeq: decision?.effectiveSeq ?? null,
    reason: decision?.reason ?? null,
    supersedesId: decision?.supersedesId ?? null,
    auditJson: JSON.stringify(audit),
    actorJson: JSON.stringify(input.actor),
    decided: plan.outbox.some((event) => event.eventType === 'review.decided'),
    reopened: reopened !== null,
    reopenReason: reopened?.reason ?? null,
    reopenedDecisionId: reopened?.reopenedDecisionId ?? null,
    hasIdempotency: idempotency !== null,
    commandId: idempotency?.commandId ?? null,
    command: idempotency?.command ?? null,
    fingerprint: idempotency?.fingerprint ?? null,
    addsEvents: plan.outbox.length > 0,
  });
  const overlay = overlayJsonOf(rows);
  return overlay && { overlay, deliveriesPossible: rows[0]!.deliveries_possible };
}

/**
 * Whether a decision's `review.decided` event has reached every endpoint subscribed when it
 * committed: true at once when there was none.
 */
export async function selectDecisionDelivered(decisionId: string): Promise<boolean> {
  const rows = await queryRows<{ delivered: boolean }>(Prisma.sql`
    SELECT NOT EXISTS (
      SELECT 1 FROM outbox_events e JOIN webhook_deliveries d ON d.event_id = e.id
       WHERE e.decision_id = ${decisionId} AND e.event_type = 'review.decided' AND d.delivered_at IS NULL
    ) AS delivered`);
  return rows[0]?.delivered ?? false;
}
