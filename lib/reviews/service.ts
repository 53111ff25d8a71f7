/**
 * One function per operation of the review API; the mutating commands are one table (COMMANDS),
 * each entry turning a request body into the rules' command, all run by executeCommand. A command
 * costs two round trips to PostgreSQL whatever the overlay's history: load the state, then write
 * the plan in one statement guarded by `rev` that also answers with the resulting overlay. No
 * interactive transaction is needed: the write applies only if `rev` is still the one the plan
 * was made from.
 */
import { randomBytes } from 'node:crypto';
import type { Caller } from '../auth/authorization';
import { canonicalJson, contentSha256, sha256Hex } from '../canonical-json';
import { isUniqueViolation } from '../db/database-errors';
import type { SubmissionStatus } from '../domain/enums';
import { AppError } from '../errors';
import { announceReviewChange } from '../events/review-changes';
import { selectKnownFiles } from '../files/file-sql';
import { selectSlaMinutes } from '../insight/settings-sql';
import type { SlaMinutes } from '../insight/sla';
import { announceNewEvents } from '../webhooks/new-events';
import { selectClaimHolders } from './claim-holders-sql';
import { selectQueueCounts } from './counts-sql';
import { assertMatchesSchema, checkGateContext, fileIdsOf, type GateContext } from './gate-context';
import { insertGate, selectRun } from './gate-sql';
import { compiledSchema } from './output-validators';
import {
  type OverlayKey,
  type OverlayStateRow,
  selectDecisionDelivered,
  selectJsonSchema,
  selectOverlay,
  selectOverlayState,
  type Written,
  writePlan,
} from './overlay-sql';
import { cursorAfter, selectQueuePage } from './queue-sql';
import { type Command, type LastChange, type OverlayState, planCommand, publicActor } from './rules';
import type {
  AppendVersionBody,
  ClaimBody,
  ClaimHolders,
  DecisionBody,
  OpenGateBody,
  QueueCounts,
  QueueCountsQuery,
  QueueQuery,
  ReleaseBody,
  ReopenBody,
  RevertBody,
  RunParams,
  RunStatus,
} from './schemas';
import { DEFAULT_CLAIM_TTL_SECONDS } from './schemas';
import { isoTimestamp, type OverlayJson, openedGateQueueItem, QueuePageJson } from './wire';

export type { OverlayKey } from './overlay-sql';

/** A review as the API names it; the caller's organization completes the key. */
export type ReviewKey = Omit<OverlayKey, 'organizationId'>;

/** Callers pass a clock only to write history at chosen times (the demo seed, claim-expiry tests). */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

function newId(prefix: 'dec' | 'aud'): string {
  return `${prefix}_${randomBytes(12).toString('hex')}`;
}

function notFound(key: Pick<OverlayKey, 'runId' | 'blockId'>): AppError {
  return new AppError('not_found', `no review for block ${key.blockId} of run ${key.runId}`);
}

export async function getOverlay(caller: Caller, key: ReviewKey): Promise<OverlayJson> {
  const overlay = await selectOverlay({ ...key, organizationId: caller.organizationId }, new Date());
  if (!overlay) throw notFound(key);
  return overlay;
}

/**
 * Only a view filtered by SLA reads the settings first; rows read their SLA in the queue's own
 * statement, so every other queue page and count is one round trip.
 */
function slaFilterMinutes(caller: Caller, query: QueueCountsQuery): Promise<SlaMinutes | null> {
  return query.sla ? selectSlaMinutes(caller.organizationId) : Promise.resolve(null);
}

export async function listQueue(caller: Caller, query: QueueQuery, clock: Clock = systemClock): Promise<QueuePageJson> {
  const now = clock();
  const { rows, hasMore } = await selectQueuePage({
    organizationId: caller.organizationId,
    callerPk: caller.pk,
    query,
    now,
    sla: await slaFilterMinutes(caller, query),
  });
  const last = rows.at(-1);
  return new QueuePageJson({ rows, hasMore, nextCursor: hasMore && last ? cursorAfter(last, query.sort) : null }, now);
}

export async function countQueue(
  caller: Caller,
  query: QueueCountsQuery,
  clock: Clock = systemClock,
): Promise<QueueCounts> {
  const sla = await slaFilterMinutes(caller, query);
  return selectQueueCounts({ organizationId: caller.organizationId, callerPk: caller.pk, query, now: clock(), sla });
}

export function listClaimHolders(caller: Caller): Promise<ClaimHolders> {
  return selectClaimHolders(caller.organizationId, new Date());
}

export async function getRun(caller: Caller, { runId }: RunParams): Promise<RunStatus> {
  const row = await selectRun(caller.organizationId, runId);
  if (!row) throw new AppError('not_found', `no workflow run ${runId}`);
  return {
    id: row.run_id,
    workflow_id: row.workflow_id,
    status: row.status,
    gates: row.gates,
    updated_at: isoTimestamp(row.updated_at),
  };
}

/** Drops absent and null fields so that `"note": null` and no note fingerprint alike. */
function withoutNulls(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined));
}

export interface GateOpened {
  created: boolean;
  overlay: OverlayJson;
}

/** Sources, schema, likelihoods and citations, checked; null when the gate brought none. */
async function gateContextOf(
  caller: Caller,
  body: OpenGateBody,
): Promise<{ context: GateContext | null; jsonSchemaSha256: string | null }> {
  const jsonSchemaSha256 = body.json_schema ? contentSha256(body.json_schema) : null;
  if (!body.sources?.length && !body.json_schema && !body.likelihoods && !body.citations) {
    return { context: null, jsonSchemaSha256 };
  }
  const fileIds = fileIdsOf(body.sources);
  const files = fileIds.length > 0 ? await selectKnownFiles(caller.organizationId, fileIds) : new Map();
  const schema = jsonSchemaSha256 ? await compiledSchema(jsonSchemaSha256, body.json_schema) : null;
  return { context: checkGateContext({ body, files, schema }), jsonSchemaSha256 };
}

export async function openGate(caller: Caller, body: OpenGateBody, clock: Clock = systemClock): Promise<GateOpened> {
  const triggeredBy = body.triggered_by ?? { kind: 'always' };
  const priority = body.priority ?? 0;
  // Every field of the body, sources and schema included: a replay that differs in any is a conflict.
  const fingerprint = contentSha256(withoutNulls({ ...body, triggered_by: triggeredBy, priority }));
  const key = { organizationId: caller.organizationId, runId: body.workflow_run_id, blockId: body.block_id };
  const { context, jsonSchemaSha256 } = await gateContextOf(caller, body);

  // A retry only happens when a concurrent call was creating the same model author row.
  for (let attempt = 0; attempt < 3; attempt++) {
    const now = clock();
    const result = await insertGate({
      organizationId: caller.organizationId,
      callerPk: caller.pk,
      workflowId: body.workflow_id,
      workflowVersionId: body.workflow_version_id,
      runId: body.workflow_run_id,
      blockId: body.block_id,
      blockType: body.block_type,
      triggeredBy,
      priority,
      model: { id: body.model.id, displayName: body.model.display_name },
      modelOutput: body.model_output,
      modelOutputSha256: contentSha256(body.model_output),
      fingerprint,
      auditId: newId('aud'),
      now,
      openedEventData: openedGateQueueItem({
        organizationId: caller.organizationId,
        context,
        body,
        triggeredBy,
        priority,
        now,
      }),
      context,
      jsonSchemaSha256,
    });
    if (result.outcome === 'retry') continue;
    if (result.outcome === 'created') {
      announceReviewChange(caller.organizationId, {
        workflow_run_id: body.workflow_run_id,
        block_id: body.block_id,
        rev: 0,
        status: 'awaiting_review',
      });
      if (result.deliveriesPossible) announceNewEvents(['review.opened']);
    }
    if (result.outcome === 'run_of_other_workflow') {
      throw new AppError('gate_conflict', `run ${body.workflow_run_id} belongs to workflow ${result.workflowId}`, {
        workflow_run_id: body.workflow_run_id,
        workflow_id: result.workflowId,
      });
    }
    if (result.outcome === 'exists' && result.fingerprint !== fingerprint) {
      throw new AppError(
        'gate_conflict',
        `block ${body.block_id} of run ${body.workflow_run_id} already has a review gate opened with a different body`,
        { block_run_id: `${body.workflow_run_id}:${body.block_id}` },
      );
    }
    return { created: result.outcome === 'created', overlay: await readBack(key, now) };
  }
  throw new Error(`gate ${key.runId}:${key.blockId} kept racing with the creation of its model author`);
}

/**
 * What a command did: applied (or found nothing to do), or replayed an earlier call with the same
 * `command_id`, in which case nothing changed this time and `replayedDecisionId` names the
 * decision that call made, if it made one.
 */
export type CommandResult =
  | { replayed: false; overlay: OverlayJson }
  | { replayed: true; overlay: OverlayJson; replayedDecisionId: string | null };

/** A command as the rules see it, with what identifies its request and the snapshot it stores. */
interface CommandRequest {
  command: Command;
  /** The request as the client meant it, to tell a replay from a reused command id. */
  request: Record<string, unknown>;
  snapshot: Record<string, unknown> | null;
}

interface CommandInput extends CommandRequest {
  caller: Caller;
  key: ReviewKey;
  versionStamp: number;
  commandId: string | null | undefined;
  clock: Clock;
}

function stateOf(row: OverlayStateRow): OverlayState {
  const holder =
    row.claim_holder_pk && row.claim_holder_kind && row.claim_holder_id && row.claim_holder_name
      ? {
          pk: row.claim_holder_pk,
          kind: row.claim_holder_kind,
          id: row.claim_holder_id,
          display_name: row.claim_holder_name,
        }
      : null;
  return {
    status: row.status,
    rev: row.rev,
    headSeq: row.head_seq,
    snapshotBytes: row.snapshot_bytes,
    effectiveSeq: row.effective_seq,
    decidedAt: row.decided_at,
    awaitingSince: row.awaiting_since,
    claim:
      holder && row.claimed_at && row.claim_expires_at
        ? { holder, claimedAt: row.claimed_at, expiresAt: row.claim_expires_at }
        : null,
    lastDecisionId: row.last_decision_id,
  };
}

function lastChangeOf(row: OverlayStateRow): LastChange | null {
  if (!row.last_event || !row.last_event_at || !row.last_actor_pk || !row.last_actor_kind) return null;
  return {
    event: row.last_event,
    at: row.last_event_at,
    actor: {
      pk: row.last_actor_pk,
      kind: row.last_actor_kind,
      id: row.last_actor_id ?? '',
      display_name: row.last_actor_name ?? '',
    },
  };
}

async function readBack(key: OverlayKey, now: Date): Promise<OverlayJson> {
  const overlay = await selectOverlay(key, now);
  if (!overlay) throw notFound(key);
  return overlay;
}

async function executeCommand(input: CommandInput): Promise<CommandResult> {
  const { caller, command, versionStamp } = input;
  const key: OverlayKey = { ...input.key, organizationId: caller.organizationId };
  const commandId = input.commandId ?? null;
  // Hashed only for a replay's check or for the record a write keeps: a 409 never needs it.
  let hashed: string | null = null;
  const fingerprint = () =>
    (hashed ??= sha256Hex(canonicalJson({ command: command.type, ...withoutNulls(input.request) })));
  const snapshotJson = input.snapshot === null ? null : JSON.stringify(input.snapshot);
  // A revert brings no snapshot: it copies one, whose stored size is read with the state.
  const measureSeq = command.type === 'revert' ? command.toSeq : null;

  // Two passes at most: when the guarded write loses a race (or a no-op's answer is overtaken),
  // the second load either finds the winner's record of this same command id (a replay) or a
  // moved `rev` (a version conflict).
  for (let pass = 0; pass < 2; pass++) {
    const now = input.clock();
    const row = await selectOverlayState({ key, actorPk: caller.pk, commandId, measureSeq, expectedRev: versionStamp });
    if (!row) throw notFound(key);

    if (commandId !== null && row.replay_command !== null) {
      if (row.replay_command !== command.type || row.replay_fingerprint !== fingerprint()) {
        throw new AppError(
          'idempotency_key_reused',
          `you already used command_id ${commandId} on this review for a different request`,
          { command_id: commandId },
        );
      }
      return { replayed: true, overlay: await readBack(key, now), replayedDecisionId: row.replay_decision_id };
    }

    const newSnapshotBytes =
      snapshotJson === null ? (row.measured_snapshot_bytes ?? 0) : Buffer.byteLength(snapshotJson, 'utf8');
    const plan = planCommand(
      { state: stateOf(row), caller, command, versionStamp, now, newSnapshotBytes },
      lastChangeOf(row),
    );
    if (plan.noop) {
      // The answer is read after the state the no-op was planned on: it may only be sent if
      // nothing moved in between, else this stamp is stale by now and the next pass says so.
      const overlay = await readBack(key, now);
      if (overlay.rev === row.rev) return { replayed: false, overlay };
      continue;
    }
    if (input.snapshot !== null && row.json_schema_sha256 !== null) {
      await assertSnapshotMatchesSchema(row.id, row.json_schema_sha256, input.snapshot, command.type);
    }

    const decisionId = plan.decision ? newId('dec') : null;
    let written: Written | null;
    try {
      written = await writePlan({
        overlayId: row.id,
        organizationId: caller.organizationId,
        expectedRev: row.rev,
        actorPk: caller.pk,
        now,
        plan,
        snapshotJson,
        snapshotSha256: input.snapshot === null ? null : contentSha256(input.snapshot),
        decisionId,
        auditIds: plan.audit.map(() => newId('aud')),
        idempotency: commandId === null ? null : { commandId, command: command.type, fingerprint: fingerprint() },
        actor: publicActor(caller),
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      written = null;
    }
    if (written) {
      announceReviewChange(caller.organizationId, {
        workflow_run_id: key.runId,
        block_id: key.blockId,
        rev: written.overlay.rev,
        status: plan.next.status,
      });
      if (written.deliveriesPossible) announceNewEvents(plan.outbox.map((event) => event.eventType));
      return { replayed: false, overlay: written.overlay };
    }
  }
  // Unreachable in practice: `rev` only grows, so the second pass always sees a stale stamp.
  throw new Error(`command on ${key.runId}:${key.blockId} lost its write twice`);
}

/** Held to the overlay's JSON Schema: a snapshot that does not validate is `422 schema_mismatch`. */
async function assertSnapshotMatchesSchema(
  overlayId: string,
  schemaSha256: string,
  snapshot: Record<string, unknown>,
  commandType: Command['type'],
): Promise<void> {
  const schema = await compiledSchema(schemaSha256, () => selectJsonSchema(overlayId));
  // The schema compiled when the gate opened; only a change of Ajv could make it fail now.
  if (!schema.ok) throw new Error(`the json_schema of overlay ${overlayId} no longer compiles`);
  assertMatchesSchema(schema.validate, snapshot, commandType === 'decide' ? 'edited_output' : 'snapshot');
}

/** Every overlay command: how its body becomes the rules' command and the request it fingerprints. */
const COMMANDS = {
  appendVersion: (body: AppendVersionBody) => {
    const origin = body.origin ?? 'human_edit';
    return {
      command: { type: 'append_version', origin, note: body.note ?? null },
      request: { snapshot: body.snapshot, origin, note: body.note },
      snapshot: body.snapshot,
    };
  },
  decide: (body: DecisionBody) => ({
    command: {
      type: 'decide',
      verdict: body.verdict,
      hasEditedOutput: body.edited_output != null,
      onSeq: body.on_seq ?? null,
      effectiveSeq: body.effective_seq ?? null,
      reason: body.reason ?? null,
    },
    request: {
      verdict: body.verdict,
      edited_output: body.edited_output,
      on_seq: body.on_seq,
      effective_seq: body.effective_seq,
      reason: body.reason,
    },
    snapshot: body.edited_output ?? null,
  }),
  claim: (body: ClaimBody) => {
    const ttlSeconds = body.ttl_seconds ?? DEFAULT_CLAIM_TTL_SECONDS;
    const force = body.force ?? false;
    return {
      command: { type: 'claim', ttlSeconds, force },
      request: { ttl_seconds: ttlSeconds, force },
      snapshot: null,
    };
  },
  release: (_body: ReleaseBody) => ({ command: { type: 'release' }, request: {}, snapshot: null }),
  revert: (body: RevertBody) => ({
    command: { type: 'revert', toSeq: body.to_seq, note: body.note ?? null },
    request: { to_seq: body.to_seq, note: body.note },
    snapshot: null,
  }),
  reopen: (body: ReopenBody) => ({
    command: { type: 'reopen', reason: body.reason },
    request: { reason: body.reason },
    snapshot: null,
  }),
} satisfies Record<string, (body: never) => CommandRequest>;

type CommandBody = { version_stamp: number; command_id?: string | null };

/** The service function of one command of the table: every command runs through executeCommand. */
function commandOf<B extends CommandBody>(toRequest: (body: B) => CommandRequest) {
  return (caller: Caller, key: ReviewKey, body: B, clock: Clock = systemClock): Promise<CommandResult> =>
    executeCommand({
      caller,
      key,
      ...toRequest(body),
      versionStamp: body.version_stamp,
      commandId: body.command_id,
      clock,
    });
}

export const appendVersion = commandOf(COMMANDS.appendVersion);
export const claim = commandOf(COMMANDS.claim);
export const release = commandOf(COMMANDS.release);
export const revert = commandOf(COMMANDS.revert);
export const reopen = commandOf(COMMANDS.reopen);
const decideCommand = commandOf(COMMANDS.decide);

export interface DecisionOutcome {
  submission_status: SubmissionStatus;
  overlay: OverlayJson;
}

/** A decision answers with its delivery: a replay says whether the decision already went downstream. */
export async function decide(
  caller: Caller,
  key: ReviewKey,
  body: DecisionBody,
  clock: Clock = systemClock,
): Promise<DecisionOutcome> {
  const result = await decideCommand(caller, key, body, clock);
  if (!result.replayed) return { submission_status: 'accepted', overlay: result.overlay };
  const delivered = result.replayedDecisionId ? await selectDecisionDelivered(result.replayedDecisionId) : false;
  return { submission_status: delivered ? 'already_applied' : 'already_received', overlay: result.overlay };
}
