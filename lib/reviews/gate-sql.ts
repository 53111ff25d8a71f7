/** Hand-written SQL for opening a gate and for reading a workflow run, sent through lib/db/sql.ts. */
import { Prisma } from '../db/generated/client';
import { prisma } from '../db/prisma';
import { queryRows } from '../db/sql';
import type { BlockType, OverlayStatus, RunStatus } from '../domain/enums';
import { anyEnabledEndpoint } from '../webhooks/new-events';
import type { GateContext } from './gate-context';

export interface InsertGateInput {
  organizationId: string;
  callerPk: string;
  workflowId: string;
  workflowVersionId: string;
  runId: string;
  blockId: string;
  blockType: BlockType;
  triggeredBy: Record<string, unknown>;
  priority: number;
  model: { id: string; displayName: string };
  modelOutput: Record<string, unknown>;
  modelOutputSha256: string;
  fingerprint: string;
  auditId: string;
  now: Date;
  /** The `data` of the `review.opened` event, written only if the gate opens. */
  openedEventData: Record<string, unknown>;
  /** Sources, schema, likelihoods and citations; null when the gate brought none of them. */
  context: GateContext | null;
  jsonSchemaSha256: string | null;
}

export type InsertGateResult =
  | { outcome: 'created'; deliveriesPossible: boolean }
  | { outcome: 'exists'; fingerprint: string }
  | { outcome: 'run_of_other_workflow'; workflowId: string }
  /** The model's author row was being created by a concurrent call: try again. */
  | { outcome: 'retry' };

/**
 * Creates the run (if new), the overlay at rev 0, version 0, the `gate_opened` entry and the
 * `review.opened` event in one statement. The run row is upserted with a DO UPDATE that changes nothing, only so that gates of
 * one run serialise on its row lock (a refused or replayed gate must leave the run as it was);
 * the model's actor row only with DO NOTHING, so that gates of unrelated runs never wait on it.
 *
 * The model is looked up among models only: `model.id` comes from the request body, and must
 * never resolve to a person or an agent. A gate that opens renames its model when the display
 * name it sends differs (the row is locked only then); a replayed or refused gate renames nothing.
 */
export async function insertGate(input: InsertGateInput): Promise<InsertGateResult> {
  const modelOutputJson = JSON.stringify(input.modelOutput);
  const { context } = input;
  const rows = await queryRows<{
    created: boolean;
    model_found: boolean;
    deliveries_possible: boolean;
    run_workflow_id: string;
    existing_fingerprint: string | null;
  }>(Prisma.sql`
    WITH model_new AS (
      INSERT INTO actors (organization_id, public_id, kind, display_name)
      VALUES (${input.organizationId}::uuid, ${input.model.id}, 'model', ${input.model.displayName})
      ON CONFLICT (organization_id, kind, public_id) DO NOTHING
      RETURNING id
    ),
    model AS (
      SELECT id FROM model_new
      UNION ALL
      SELECT id FROM actors
       WHERE organization_id = ${input.organizationId}::uuid AND kind = 'model' AND public_id = ${input.model.id}
      LIMIT 1
    ),
    run AS (
      INSERT INTO workflow_runs (organization_id, run_id, workflow_id, created_at, updated_at)
      VALUES (${input.organizationId}::uuid, ${input.runId}, ${input.workflowId}, ${input.now}::timestamptz, ${input.now}::timestamptz)
      ON CONFLICT (organization_id, run_id) DO UPDATE SET updated_at = workflow_runs.updated_at
      RETURNING id, workflow_id
    ),
    ins AS (
      INSERT INTO overlays (organization_id, run_pk, workflow_id, workflow_version_id, workflow_run_id, block_id,
                            block_run_id, block_type, triggered_by, status, awaiting_since, priority, rev, head_seq,
                            snapshot_bytes, gate_fingerprint, created_at, updated_at)
      SELECT ${input.organizationId}::uuid, run.id, ${input.workflowId}, ${input.workflowVersionId}, ${input.runId},
             ${input.blockId}, ${`${input.runId}:${input.blockId}`}, ${input.blockType}::block_type,
             ${JSON.stringify(input.triggeredBy)}::jsonb, 'awaiting_review', ${input.now}::timestamptz,
             ${input.priority}::int, 0, 0, ${Buffer.byteLength(modelOutputJson, 'utf8')}::int, ${input.fingerprint}, ${input.now}::timestamptz, ${input.now}::timestamptz
        FROM run, model
       WHERE run.workflow_id = ${input.workflowId}
      ON CONFLICT (organization_id, workflow_run_id, block_id) DO NOTHING
      RETURNING id
    ),
    v0 AS (
      INSERT INTO output_versions (overlay_id, seq, parent_seq, origin, author_id, snapshot, content_sha256, note, created_at)
      SELECT ins.id, 0, NULL, 'model_output', model.id, ${modelOutputJson}::json,
             ${input.modelOutputSha256}, NULL, ${input.now}::timestamptz
        FROM ins, model
    ),
    aud AS (
      INSERT INTO audit_entries (id, overlay_id, event, actor_id, at, rev_observed, rev_result, ordinal, detail)
      SELECT ${input.auditId}, ins.id, 'gate_opened', ${input.callerPk}::uuid, ${input.now}::timestamptz, 0, 0, 0,
             jsonb_build_object('block_type', ${input.blockType}::text, 'priority', ${input.priority}::int,
                                'model', jsonb_build_object('id', ${input.model.id}::text, 'display_name', ${input.model.displayName}::text))
        FROM ins
    ),
    opened_event AS (
      INSERT INTO outbox_events (organization_id, overlay_id, event_type, payload, created_at)
      SELECT ${input.organizationId}::uuid, ins.id, 'review.opened', ${JSON.stringify(input.openedEventData)}::json,
             ${input.now}::timestamptz
        FROM ins
    ),
    context AS (
      INSERT INTO overlay_context (overlay_id, sources, json_schema, json_schema_sha256, likelihoods, citations)
      SELECT ins.id, ${JSON.stringify(context?.sources ?? [])}::json, ${jsonOrNull(context?.jsonSchema)}::json,
             ${input.jsonSchemaSha256}::text, ${jsonOrNull(context?.likelihoods)}::json,
             ${jsonOrNull(context?.citations)}::json
        FROM ins WHERE ${context !== null}::boolean
    ),
    model_renamed AS (
      UPDATE actors SET display_name = ${input.model.displayName}
       WHERE id = (SELECT id FROM model) AND display_name IS DISTINCT FROM ${input.model.displayName}
         AND EXISTS (SELECT 1 FROM ins)
    )
    SELECT EXISTS (SELECT 1 FROM ins) AS created,
           EXISTS (SELECT 1 FROM model) AS model_found,
           ${anyEnabledEndpoint(Prisma.sql`${input.organizationId}::uuid`)} AS deliveries_possible,
           (SELECT workflow_id FROM run) AS run_workflow_id,
           (SELECT gate_fingerprint FROM overlays
             WHERE organization_id = ${input.organizationId}::uuid
               AND workflow_run_id = ${input.runId} AND block_id = ${input.blockId}) AS existing_fingerprint`);
  const row = rows[0];
  if (!row) throw new Error('gate insert returned no row');
  if (row.created) return { outcome: 'created', deliveriesPossible: row.deliveries_possible };
  if (row.run_workflow_id !== input.workflowId)
    return { outcome: 'run_of_other_workflow', workflowId: row.run_workflow_id };
  if (!row.model_found) return { outcome: 'retry' };
  // The conflicting overlay may have been committed after this statement's snapshot was taken.
  const fingerprint = row.existing_fingerprint ?? (await selectGateFingerprint(input));
  return fingerprint === null ? { outcome: 'retry' } : { outcome: 'exists', fingerprint };
}

function jsonOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

async function selectGateFingerprint(input: InsertGateInput): Promise<string | null> {
  const overlay = await prisma.overlay.findUnique({
    where: {
      organizationId_workflowRunId_blockId: {
        organizationId: input.organizationId,
        workflowRunId: input.runId,
        blockId: input.blockId,
      },
    },
    select: { gateFingerprint: true },
  });
  return overlay?.gateFingerprint ?? null;
}

export interface RunRow {
  run_id: string;
  workflow_id: string;
  status: RunStatus;
  updated_at: Date;
  gates: {
    block_id: string;
    status: OverlayStatus;
    effective_seq: number | null;
    effective_output: Record<string, unknown> | null;
  }[];
}

export async function selectRun(organizationId: string, runId: string): Promise<RunRow | null> {
  const rows = await queryRows<RunRow>(Prisma.sql`
    SELECT r.run_id, r.workflow_id, r.status::text AS status, r.updated_at,
           (SELECT coalesce(json_agg(json_build_object(
                     'block_id', o.block_id, 'status', o.status, 'effective_seq', o.effective_seq,
                     'effective_output', v.snapshot) ORDER BY o.created_at, o.block_id), '[]'::json)
              FROM overlays o
              LEFT JOIN output_versions v ON v.overlay_id = o.id AND v.seq = o.effective_seq
             WHERE o.run_pk = r.id) AS gates
      FROM workflow_runs r
     WHERE r.organization_id = ${organizationId}::uuid AND r.run_id = ${runId}`);
  return rows[0] ?? null;
}
