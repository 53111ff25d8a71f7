/**
 * Hand-written SQL for one overlay: each function is one statement, so a command costs a fixed
 * number of round trips whatever the length of its history (see service.ts for the sequence).
 */
import { Prisma } from '../db/generated/client';
import { prisma } from '../db/prisma';
import type { ActorKind, AuditEventName, OutboxPlan, OverlayStatus, Plan } from './rules';

type ReopenedEvent = Extract<OutboxPlan, { eventType: 'review.reopened' }>;

export interface OverlayKey {
  organizationId: string;
  runId: string;
  blockId: string;
}

/** Everything `planCommand` needs, plus the caller's idempotency record of the command id, if any. */
export interface OverlayStateRow {
  id: string;
  run_pk: string;
  status: OverlayStatus;
  rev: number;
  head_seq: number;
  snapshot_bytes: number;
  /** Stored bytes of the snapshot of the version the query asked to measure, if it exists. */
  measured_snapshot_bytes: number | null;
  effective_seq: number | null;
  decided_at: Date | null;
  awaiting_since: Date;
  claim_holder_pk: string | null;
  claim_holder_kind: ActorKind | null;
  claim_holder_id: string | null;
  claim_holder_name: string | null;
  claimed_at: Date | null;
  claim_expires_at: Date | null;
  last_decision_id: string | null;
  last_event: AuditEventName | null;
  last_event_at: Date | null;
  last_actor_pk: string | null;
  last_actor_kind: ActorKind | null;
  last_actor_id: string | null;
  last_actor_name: string | null;
  replay_command: string | null;
  replay_fingerprint: string | null;
  replay_decision_id: string | null;
}

export interface OverlayStateQuery {
  key: OverlayKey;
  /** A command id is the caller's own: another actor's identical call is a command of its own. */
  actorPk: string;
  commandId: string | null;
  /** The version whose snapshot a revert would copy: its size counts towards the history's. */
  measureSeq: number | null;
}

export async function selectOverlayState({
  key,
  actorPk,
  commandId,
  measureSeq,
}: OverlayStateQuery): Promise<OverlayStateRow | null> {
  const rows = await prisma.$queryRaw<OverlayStateRow[]>`
    SELECT o.id, o.run_pk, o.status::text AS status, o.rev, o.head_seq, o.snapshot_bytes,
           (SELECT octet_length(v.snapshot::text) FROM output_versions v WHERE v.overlay_id = o.id AND v.seq = ${measureSeq}::int)
             AS measured_snapshot_bytes,
           o.effective_seq, o.decided_at, o.awaiting_since,
           h.id AS claim_holder_pk, h.kind::text AS claim_holder_kind, h.public_id AS claim_holder_id,
           h.display_name AS claim_holder_name, o.claimed_at, o.claim_expires_at,
           (SELECT d.id FROM decisions d WHERE d.overlay_id = o.id ORDER BY d.decided_at DESC, d.id DESC LIMIT 1)
             AS last_decision_id,
           la.event AS last_event, la.at AS last_event_at, la.actor_pk AS last_actor_pk,
           la.kind AS last_actor_kind, la.public_id AS last_actor_id, la.display_name AS last_actor_name,
           ir.command AS replay_command, ir.fingerprint AS replay_fingerprint, ir.decision_id AS replay_decision_id
      FROM overlays o
      LEFT JOIN actors h ON h.id = o.claim_holder_id
      LEFT JOIN LATERAL (
        SELECT a.event::text AS event, a.at, ac.id AS actor_pk, ac.kind::text AS kind, ac.public_id, ac.display_name
          FROM audit_entries a JOIN actors ac ON ac.id = a.actor_id
         WHERE a.overlay_id = o.id
         ORDER BY a.rev_result DESC, a.ordinal DESC
         LIMIT 1
      ) la ON true
      LEFT JOIN idempotency_records ir
             ON ir.overlay_id = o.id AND ir.actor_id = ${actorPk}::uuid AND ir.command_id = ${commandId}::text
     WHERE o.organization_id = ${key.organizationId}::uuid
       AND o.workflow_run_id = ${key.runId}
       AND o.block_id = ${key.blockId}`;
  return rows[0] ?? null;
}

export async function overlayExists(key: OverlayKey): Promise<boolean> {
  const rows = await prisma.$queryRaw<unknown[]>`
    SELECT 1 FROM overlays
     WHERE organization_id = ${key.organizationId}::uuid AND workflow_run_id = ${key.runId} AND block_id = ${key.blockId}`;
  return rows.length > 0;
}

/** One overlay with its whole history, shaped by Postgres so it costs a single round trip. */
export interface OverlayRow {
  id: string;
  organization_id: string;
  workflow_id: string;
  workflow_version_id: string;
  workflow_run_id: string;
  block_id: string;
  block_run_id: string;
  block_type: string;
  triggered_by: { kind: string } & Record<string, unknown>;
  status: OverlayStatus;
  awaiting_since: Date;
  decided_at: Date | null;
  priority: number;
  rev: number;
  head_seq: number;
  effective_seq: number | null;
  claimed_at: Date | null;
  claim_expires_at: Date | null;
  claim_holder: JsonActor | null;
  versions: JsonVersion[];
  decisions: JsonDecision[];
  audit: JsonAuditEntry[];
}

export interface JsonActor {
  kind: ActorKind;
  id: string;
  display_name: string;
}

/** Timestamps inside json_build_object arrive as strings with a `+00:00` offset. */
export interface JsonVersion {
  seq: number;
  parent_seq: number | null;
  origin: 'model_output' | 'human_edit' | 'agent_edit' | 'revert';
  author: JsonActor;
  snapshot: Record<string, unknown>;
  content_sha256: string;
  note: string | null;
  created_at: string;
}

export interface JsonDecision {
  decision_id: string;
  verdict: 'approved' | 'rejected';
  decided_by: JsonActor;
  decided_at: string;
  on_seq: number;
  effective_seq: number | null;
  reason: string | null;
  supersedes_decision_id: string | null;
}

export interface JsonAuditEntry {
  entry_id: string;
  event: AuditEventName;
  actor: JsonActor;
  at: string;
  rev_observed: number;
  rev_result: number;
  detail: Record<string, unknown>;
}

const actorJson = (alias: string) =>
  Prisma.raw(`json_build_object('kind', ${alias}.kind, 'id', ${alias}.public_id, 'display_name', ${alias}.display_name)`);

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

/**
 * The columns of an `OverlayRow`, for an overlay row `o` and its claim holder `h`, with the whole
 * history aggregated by PostgreSQL so that reading it never costs a query per version.
 */
function overlayRowColumns(history: HistorySources): Prisma.Sql {
  return Prisma.sql`
    o.id, o.organization_id::text, o.workflow_id, o.workflow_version_id, o.workflow_run_id, o.block_id,
    o.block_run_id, o.block_type::text AS block_type, o.triggered_by, o.status::text AS status,
    o.awaiting_since, o.decided_at, o.priority, o.rev, o.head_seq, o.effective_seq,
    o.claimed_at, o.claim_expires_at,
    CASE WHEN h.id IS NULL THEN NULL ELSE ${actorJson('h')} END AS claim_holder,
    (SELECT coalesce(json_agg(json_build_object(
              'seq', v.seq, 'parent_seq', v.parent_seq, 'origin', v.origin, 'author', ${actorJson('va')},
              'snapshot', v.snapshot, 'content_sha256', v.content_sha256, 'note', v.note,
              'created_at', v.created_at) ORDER BY v.seq), '[]'::json)
       FROM ${history.versions} v JOIN actors va ON va.id = v.author_id) AS versions,
    (SELECT coalesce(json_agg(json_build_object(
              'decision_id', d.id, 'verdict', d.verdict, 'decided_by', ${actorJson('da')},
              'decided_at', d.decided_at, 'on_seq', d.on_seq, 'effective_seq', d.effective_seq,
              'reason', d.reason, 'supersedes_decision_id', d.supersedes_id) ORDER BY d.decided_at, d.id), '[]'::json)
       FROM ${history.decisions} d JOIN actors da ON da.id = d.decided_by_id) AS decisions,
    (SELECT coalesce(json_agg(json_build_object(
              'entry_id', a.id, 'event', a.event, 'actor', ${actorJson('aa')}, 'at', a.at,
              'rev_observed', a.rev_observed, 'rev_result', a.rev_result, 'detail', a.detail)
              ORDER BY a.rev_result, a.ordinal), '[]'::json)
       FROM ${history.audit} a JOIN actors aa ON aa.id = a.actor_id) AS audit`;
}

export async function selectOverlay(key: OverlayKey): Promise<OverlayRow | null> {
  const rows = await prisma.$queryRaw<OverlayRow[]>`
    SELECT ${overlayRowColumns(historyOf('o'))}
      FROM overlays o
      LEFT JOIN actors h ON h.id = o.claim_holder_id
     WHERE o.organization_id = ${key.organizationId}::uuid
       AND o.workflow_run_id = ${key.runId}
       AND o.block_id = ${key.blockId}`;
  return rows[0] ?? null;
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
export async function writePlan(input: WritePlanInput): Promise<OverlayRow | null> {
  const { plan, now } = input;
  const next = plan.next;
  const version = plan.version;
  const decision = plan.decision;
  const audit = plan.audit.map((entry, ordinal) => ({
    id: input.auditIds[ordinal],
    event: entry.event,
    ordinal,
    detail: entry.detail,
  }));
  const decided = plan.outbox.some((event) => event.eventType === 'review.decided');
  const reopened = plan.outbox.find((event): event is ReopenedEvent => event.eventType === 'review.reopened') ?? null;
  const { snapshotJson } = input;

  const rows = await prisma.$queryRaw<OverlayRow[]>`
    WITH upd AS (
      UPDATE overlays SET
        status = ${next.status}::overlay_status,
        head_seq = ${next.headSeq}::int,
        snapshot_bytes = ${next.snapshotBytes}::int,
        effective_seq = ${next.effectiveSeq}::int,
        decided_at = ${next.decidedAt}::timestamptz,
        awaiting_since = ${next.awaitingSince}::timestamptz,
        claim_holder_id = ${next.claim?.holder.pk ?? null}::uuid,
        claimed_at = ${next.claim?.claimedAt ?? null}::timestamptz,
        claim_expires_at = ${next.claim?.expiresAt ?? null}::timestamptz,
        rev = rev + 1,
        updated_at = ${now}::timestamptz
      WHERE id = ${input.overlayId}::uuid AND rev = ${input.expectedRev}::int
      RETURNING *
    ),
    source AS (
      SELECT v.snapshot, v.content_sha256 FROM output_versions v
       WHERE v.overlay_id = ${input.overlayId}::uuid AND v.seq = ${version?.copyOfSeq ?? null}::int
    ),
    ins_version AS (
      INSERT INTO output_versions (overlay_id, seq, parent_seq, origin, author_id, snapshot, content_sha256, note, created_at)
      SELECT upd.id, ${version?.seq ?? null}::int, ${version?.parentSeq ?? null}::int,
             ${version?.origin ?? null}::version_origin, ${input.actorPk}::uuid,
             coalesce(${snapshotJson}::json, (SELECT snapshot FROM source)),
             coalesce(${input.snapshotSha256}::text, (SELECT content_sha256 FROM source)),
             ${version?.note ?? null}::text, ${now}::timestamptz
        FROM upd WHERE ${version !== null}::boolean
      RETURNING *
    ),
    ins_decision AS (
      INSERT INTO decisions (id, overlay_id, verdict, decided_by_id, decided_at, on_seq, effective_seq, reason, supersedes_id)
      SELECT ${input.decisionId}::text, upd.id, ${decision?.verdict ?? null}::verdict, ${input.actorPk}::uuid,
             ${now}::timestamptz, ${decision?.onSeq ?? null}::int, ${decision?.effectiveSeq ?? null}::int,
             ${decision?.reason ?? null}::text, ${decision?.supersedesId ?? null}::text
        FROM upd WHERE ${decision !== null}::boolean
      RETURNING *
    ),
    ins_audit AS (
      INSERT INTO audit_entries (id, overlay_id, event, actor_id, at, rev_observed, rev_result, ordinal, detail)
      SELECT e.id, upd.id, e.event::audit_event, ${input.actorPk}::uuid, ${now}::timestamptz,
             ${input.expectedRev}::int, upd.rev, e.ordinal, e.detail
        FROM upd, jsonb_to_recordset(${JSON.stringify(audit)}::jsonb) AS e(id text, event text, ordinal int, detail jsonb)
      RETURNING *
    ),
    ins_decided_event AS (
      INSERT INTO outbox_events (organization_id, overlay_id, decision_id, event_type, payload, created_at)
      SELECT upd.organization_id, upd.id, d.id, 'review.decided', json_build_object(
               ${eventSubjectColumns}, 'decision_id', d.id, 'verdict', d.verdict,
               'decided_by', ${JSON.stringify(input.actor)}::json, 'reason', d.reason,
               'on_seq', d.on_seq, 'effective_seq', d.effective_seq,
               'effective_output', CASE WHEN d.effective_seq IS NOT NULL THEN
                 coalesce(${snapshotJson}::json,
                          (SELECT v.snapshot FROM output_versions v WHERE v.overlay_id = upd.id AND v.seq = d.effective_seq))
               END,
               'supersedes_decision_id', d.supersedes_id, 'rev', upd.rev),
             ${now}::timestamptz
        FROM upd, ins_decision d WHERE ${decided}::boolean
    ),
    ins_reopened_event AS (
      INSERT INTO outbox_events (organization_id, overlay_id, event_type, payload, created_at)
      SELECT upd.organization_id, upd.id, 'review.reopened', json_build_object(
               ${eventSubjectColumns}, 'reopened_by', ${JSON.stringify(input.actor)}::json,
               'reason', ${reopened?.reason ?? null}::text,
               'reopened_decision_id', ${reopened?.reopenedDecisionId ?? null}::text,
               'rev', upd.rev),
             ${now}::timestamptz
        FROM upd WHERE ${reopened !== null}::boolean
    ),
    ins_idempotency AS (
      INSERT INTO idempotency_records (overlay_id, command_id, command, fingerprint, actor_id, rev_result, decision_id, created_at)
      SELECT upd.id, ${input.idempotency?.commandId ?? null}::text, ${input.idempotency?.command ?? null}::text,
             ${input.idempotency?.fingerprint ?? null}::text, ${input.actorPk}::uuid, upd.rev,
             ${input.decisionId}::text, ${now}::timestamptz
        FROM upd WHERE ${input.idempotency !== null}::boolean
    )
    SELECT ${overlayRowColumns({
      versions: Prisma.sql`(SELECT * FROM output_versions WHERE overlay_id = o.id UNION ALL SELECT * FROM ins_version)`,
      decisions: Prisma.sql`(SELECT * FROM decisions WHERE overlay_id = o.id UNION ALL SELECT * FROM ins_decision)`,
      audit: Prisma.sql`(SELECT * FROM audit_entries WHERE overlay_id = o.id UNION ALL SELECT * FROM ins_audit)`,
    })}
      FROM upd o
      LEFT JOIN actors h ON h.id = o.claim_holder_id`;
  return rows[0] ?? null;
}

/**
 * Whether a decision's `review.decided` event has reached every endpoint subscribed when it
 * committed: true at once when there was none.
 */
export async function selectDecisionDelivered(decisionId: string): Promise<boolean> {
  const rows = await prisma.$queryRaw<{ delivered: boolean }[]>`
    SELECT NOT EXISTS (
      SELECT 1 FROM outbox_events e JOIN webhook_deliveries d ON d.event_id = e.id
       WHERE e.decision_id = ${decisionId} AND e.event_type = 'review.decided' AND d.delivered_at IS NULL
    ) AS delivered`;
  return rows[0]?.delivered ?? false;
}
