/**
 * What each command may do to a review overlay. Pure: no I/O, no clock, no HTTP. The service
 * loads the overlay, asks `planCommand`, and writes the plan with a compare-and-swap on `rev`;
 * because the write only applies while `rev` is still the one loaded, the plan can never act on
 * a state other than the one it was made from.
 */
import { type Caller, isLead, mayCall } from '../auth/authorization';
import type { ActorRef } from '../domain/actors';
import { isClaimActive } from '../domain/claims';
import type { ActorKind, AuditEvent, EditOrigin, OverlayStatus, Verdict, VersionOrigin } from '../domain/enums';
import { AppError, validationError } from '../errors';

export interface Claim {
  holder: ActorRef;
  claimedAt: Date;
  expiresAt: Date;
}

/**
 * Every read of an overlay answers with its whole history, so an unbounded history would make
 * every answer about it grow without end. Both caps count every version, version 0 included.
 */
export const MAX_VERSIONS_PER_REVIEW = 200;
export const MAX_SNAPSHOT_BYTES_PER_REVIEW = 8 * 1024 * 1024;

/** The part of an overlay that decides what a command may do. */
export interface OverlayState {
  status: OverlayStatus;
  rev: number;
  headSeq: number;
  /** UTF-8 bytes of every version's snapshot, as stored. */
  snapshotBytes: number;
  effectiveSeq: number | null;
  decidedAt: Date | null;
  awaitingSince: Date;
  /** As stored: possibly expired. */
  claim: Claim | null;
  lastDecisionId: string | null;
}

export type Command =
  | { type: 'append_version'; origin: EditOrigin; note: string | null }
  | {
      type: 'decide';
      verdict: Verdict;
      hasEditedOutput: boolean;
      onSeq: number | null;
      effectiveSeq: number | null;
      reason: string | null;
    }
  | { type: 'claim'; ttlSeconds: number; force: boolean }
  | { type: 'release' }
  | { type: 'revert'; toSeq: number; note: string | null }
  | { type: 'reopen'; reason: string };

export type CommandType = Command['type'];

/** A claim whose time has run out is no claim at all. */
export function activeClaim(claim: Claim | null, now: Date): Claim | null {
  return claim && isClaimActive(claim.expiresAt, now) ? claim : null;
}

export interface VersionPlan {
  seq: number;
  parentSeq: number;
  origin: Exclude<VersionOrigin, 'model_output'>;
  /** Revert copies an existing version; every other origin brings its own snapshot. */
  copyOfSeq: number | null;
  note: string | null;
}

export interface DecisionPlan {
  verdict: Verdict;
  onSeq: number;
  effectiveSeq: number | null;
  reason: string | null;
  supersedesId: string | null;
}

export interface AuditPlan {
  event: AuditEvent;
  detail: Record<string, unknown>;
}

/**
 * A downstream event the write announces. Its `data` is built by the writer from the rows the
 * same statement writes (the decision, the overlay's new `rev`), so it can only say what committed.
 */
export type OutboxPlan =
  | { eventType: 'review.decided' }
  | { eventType: 'review.reopened'; reason: string; reopenedDecisionId: string | null };

export interface Plan {
  /** A no-op changes nothing and leaves `rev` where it was. */
  noop: boolean;
  next: Omit<OverlayState, 'rev' | 'lastDecisionId'>;
  version: VersionPlan | null;
  decision: DecisionPlan | null;
  audit: AuditPlan[];
  outbox: OutboxPlan[];
}

export interface PlanInput {
  state: OverlayState;
  caller: Caller;
  command: Command;
  versionStamp: number;
  now: Date;
  /**
   * UTF-8 bytes of the snapshot a new version would hold, as stored: the request's snapshot or
   * edited output, or for a revert the version it copies; 0 when the command brings none.
   */
  newSnapshotBytes: number;
}

export interface LastChange {
  event: AuditEvent;
  actor: ActorRef;
  at: Date;
}

/** The 409 every stale stamp gets, with what a client needs to tell its user what moved. */
export function versionConflict(
  sent: number,
  state: Pick<OverlayState, 'rev' | 'headSeq' | 'status'>,
  lastChange: LastChange | null,
): AppError {
  return new AppError(
    'version_conflict',
    `version_stamp ${sent} is stale: the review is at rev ${state.rev}; re-read it and retry`,
    {
      expected: sent,
      current_rev: state.rev,
      head_seq: state.headSeq,
      status: state.status,
      last_change: lastChange && {
        event: lastChange.event,
        actor: publicActor(lastChange.actor),
        at: lastChange.at.toISOString(),
      },
    },
  );
}

export function publicActor(actor: ActorRef): { kind: ActorKind; id: string; display_name: string } {
  return { kind: actor.kind, id: actor.id, display_name: actor.display_name };
}

function claimHeld(claim: Claim): AppError {
  return new AppError(
    'claim_held',
    `${claim.holder.display_name} holds the claim until ${claim.expiresAt.toISOString()}`,
    { holder: publicActor(claim.holder), expires_at: claim.expiresAt.toISOString() },
  );
}

function requireAwaiting(state: OverlayState): void {
  if (state.status !== 'awaiting_review') {
    throw new AppError('not_awaiting_review', `the review is already ${state.status}`, {
      status: state.status,
    });
  }
}

function requireExistingSeq(state: OverlayState, field: string, seq: number): void {
  if (!Number.isInteger(seq) || seq < 0 || seq > state.headSeq) {
    throw validationError([{ path: [field], message: `no version ${seq}: versions run from 0 to ${state.headSeq}` }]);
  }
}

function requireText(field: string, value: string | null): string {
  if (value === null || value.trim() === '') {
    throw validationError([{ path: [field], message: 'required and must not be blank' }]);
  }
  return value;
}

function unchanged(state: OverlayState): Plan['next'] {
  const { rev: _rev, lastDecisionId: _last, ...next } = state;
  return next;
}

function emptyPlan(state: OverlayState): Plan {
  return { noop: false, next: unchanged(state), version: null, decision: null, audit: [], outbox: [] };
}

/**
 * Plans version `head_seq + 1`, or refuses it with a 422 on `field` when the history has no room
 * for it. The plan is written only while `rev` is still the one `state` was read at, so no
 * concurrent append can slip in between this check and the write: a race cannot overshoot.
 */
function appendVersionToPlan(
  plan: Plan,
  { state, newSnapshotBytes }: PlanInput,
  field: string,
  version: Omit<VersionPlan, 'seq'>,
): number {
  const versions = state.headSeq + 1;
  if (versions >= MAX_VERSIONS_PER_REVIEW) {
    throw validationError([
      {
        path: [field],
        message: `this review already holds ${versions} versions, the most one review may hold (${MAX_VERSIONS_PER_REVIEW}); approve or reject a version it has`,
      },
    ]);
  }
  const snapshotBytes = state.snapshotBytes + newSnapshotBytes;
  if (snapshotBytes > MAX_SNAPSHOT_BYTES_PER_REVIEW) {
    throw validationError([
      {
        path: [field],
        message: `a version of ${newSnapshotBytes} bytes would bring this review's versions to ${snapshotBytes} bytes, over the limit of ${MAX_SNAPSHOT_BYTES_PER_REVIEW} bytes (8 MiB) per review`,
      },
    ]);
  }
  const seq = state.headSeq + 1;
  plan.version = { seq, ...version };
  plan.next.headSeq = seq;
  plan.next.snapshotBytes = snapshotBytes;
  return seq;
}

/** What the caller's role forbids outright, whatever the overlay's state. */
function requirePermission(caller: Caller, command: Command): void {
  if (!mayCall(caller.role, command.type)) {
    throw new AppError('forbidden', `the ${caller.role} role may not ${command.type.replace('_', ' ')}`);
  }
  if (command.type === 'claim' && command.force && !isLead(caller.role)) {
    throw new AppError('forbidden', 'only a lead or an admin may force a claim');
  }
  // Integrations are machines: they may propose corrections, never pass them off as a person's.
  if (command.type === 'append_version' && caller.role === 'integration' && command.origin !== 'agent_edit') {
    throw new AppError('forbidden', 'an integration key may only append agent_edit versions');
  }
}

/**
 * Decides what `command` does to the overlay, or throws the contract's refusal.
 * The role is checked first, then the stamp: a caller whose view is stale learns that before
 * anything about the current state.
 * `lastChange` only feeds the 409's details.
 */
export function planCommand(input: PlanInput, lastChange: LastChange | null = null): Plan {
  const { state, caller, command, versionStamp } = input;
  requirePermission(caller, command);
  if (versionStamp !== state.rev) throw versionConflict(versionStamp, state, lastChange);

  switch (command.type) {
    case 'append_version':
      return planAppend(input, command);
    case 'decide':
      return planDecide(input, command);
    case 'claim':
      return planClaim(input, command);
    case 'release':
      return planRelease(input);
    case 'revert':
      return planRevert(input, command);
    case 'reopen':
      return planReopen(input, command);
  }
}

function planAppend(input: PlanInput, command: Extract<Command, { type: 'append_version' }>): Plan {
  const { state } = input;
  requireAwaiting(state);
  const plan = emptyPlan(state);
  const seq = appendVersionToPlan(plan, input, 'snapshot', {
    parentSeq: state.headSeq,
    origin: command.origin,
    copyOfSeq: null,
    note: command.note,
  });
  plan.audit.push({
    event: 'version_appended',
    detail: { seq, parent_seq: state.headSeq, origin: command.origin },
  });
  return plan;
}

function planDecide(input: PlanInput, command: Extract<Command, { type: 'decide' }>): Plan {
  const { state, caller, now } = input;
  requireAwaiting(state);
  const plan = emptyPlan(state);
  let onSeq: number;
  let effectiveSeq: number | null;

  if (command.verdict === 'rejected') {
    const problems = [];
    if (command.hasEditedOutput)
      problems.push({ path: ['edited_output'], message: 'a rejection carries no edited output' });
    if (command.effectiveSeq !== null)
      problems.push({ path: ['effective_seq'], message: 'a rejection has no effective version' });
    if (problems.length > 0) throw validationError(problems);
    requireText('reason', command.reason);
    onSeq = command.onSeq ?? state.headSeq;
    requireExistingSeq(state, 'on_seq', onSeq);
    effectiveSeq = null;
  } else if (command.hasEditedOutput) {
    if (command.onSeq !== null || command.effectiveSeq !== null) {
      throw validationError([
        {
          path: [command.onSeq !== null ? 'on_seq' : 'effective_seq'],
          message: 'edited_output approves the edit itself: leave on_seq and effective_seq out',
        },
      ]);
    }
    const origin = caller.kind === 'human' ? 'human_edit' : 'agent_edit';
    onSeq = appendVersionToPlan(plan, input, 'edited_output', {
      parentSeq: state.headSeq,
      origin,
      copyOfSeq: null,
      note: null,
    });
    effectiveSeq = onSeq;
    plan.audit.push({ event: 'version_appended', detail: { seq: onSeq, parent_seq: state.headSeq, origin } });
  } else {
    onSeq = command.onSeq ?? state.headSeq;
    requireExistingSeq(state, 'on_seq', onSeq);
    effectiveSeq = command.effectiveSeq ?? onSeq;
    requireExistingSeq(state, 'effective_seq', effectiveSeq);
  }

  const supersedesId = state.lastDecisionId;
  plan.decision = { verdict: command.verdict, onSeq, effectiveSeq, reason: command.reason, supersedesId };
  plan.next.status = command.verdict;
  plan.next.effectiveSeq = effectiveSeq;
  plan.next.decidedAt = now;
  plan.audit.push({
    event: command.verdict,
    detail: {
      on_seq: onSeq,
      effective_seq: effectiveSeq,
      reason: command.reason,
      supersedes_decision_id: supersedesId,
    },
  });
  // Deciding needs no claim, but it ends one: nobody is reviewing a decided item any more.
  const claim = activeClaim(state.claim, now);
  if (claim) {
    plan.audit.push({ event: 'claim_released', detail: { holder: publicActor(claim.holder), cause: 'decided' } });
  }
  plan.next.claim = null;
  plan.outbox.push({ eventType: 'review.decided' });
  return plan;
}

function planClaim({ state, caller, now }: PlanInput, command: Extract<Command, { type: 'claim' }>): Plan {
  requireAwaiting(state);
  const current = activeClaim(state.claim, now);
  const expiresAt = new Date(now.getTime() + command.ttlSeconds * 1000);
  const plan = emptyPlan(state);
  const holder: ActorRef = { pk: caller.pk, kind: caller.kind, id: caller.id, display_name: caller.display_name };

  if (current && current.holder.pk === caller.pk) {
    plan.next.claim = { holder, claimedAt: current.claimedAt, expiresAt };
    plan.audit.push({ event: 'claim_renewed', detail: { expires_at: expiresAt.toISOString() } });
    return plan;
  }
  if (current && !command.force) throw claimHeld(current);

  plan.next.claim = { holder, claimedAt: now, expiresAt };
  plan.audit.push(
    current
      ? {
          event: 'claim_taken_over',
          detail: { previous_holder: publicActor(current.holder), expires_at: expiresAt.toISOString() },
        }
      : { event: 'claimed', detail: { expires_at: expiresAt.toISOString() } },
  );
  return plan;
}

function planRelease({ state, caller, now }: PlanInput): Plan {
  const current = activeClaim(state.claim, now);
  if (!current) return { ...emptyPlan(state), noop: true };
  if (current.holder.pk !== caller.pk && !isLead(caller.role)) throw claimHeld(current);
  const plan = emptyPlan(state);
  plan.next.claim = null;
  plan.audit.push({
    event: 'claim_released',
    detail: {
      holder: publicActor(current.holder),
      cause: current.holder.pk === caller.pk ? 'released' : 'released_by_lead',
    },
  });
  return plan;
}

function planRevert(input: PlanInput, command: Extract<Command, { type: 'revert' }>): Plan {
  const { state } = input;
  requireAwaiting(state);
  requireExistingSeq(state, 'to_seq', command.toSeq);
  const plan = emptyPlan(state);
  const seq = appendVersionToPlan(plan, input, 'to_seq', {
    parentSeq: command.toSeq,
    origin: 'revert',
    copyOfSeq: command.toSeq,
    note: command.note,
  });
  plan.audit.push({
    event: 'version_reverted',
    detail: { seq, to_seq: command.toSeq, previous_head_seq: state.headSeq },
  });
  return plan;
}

function planReopen({ state, now }: PlanInput, command: Extract<Command, { type: 'reopen' }>): Plan {
  if (state.status === 'awaiting_review') {
    // The contract's 422 also covers requests that name something the overlay does not have
    // (an unknown seq); reopening an undecided review is that kind of request.
    throw validationError([{ path: [], message: 'only an approved or rejected review can be reopened' }]);
  }
  const reason = requireText('reason', command.reason);
  const plan = emptyPlan(state);
  plan.next.status = 'awaiting_review';
  plan.next.effectiveSeq = null;
  plan.next.decidedAt = null;
  // Back in the queue, it waits from now: its first wait ended with the decision.
  plan.next.awaitingSince = now;
  plan.audit.push({
    event: 'reopened',
    detail: { reason, previous_status: state.status, reopened_decision_id: state.lastDecisionId },
  });
  plan.outbox.push({ eventType: 'review.reopened', reason, reopenedDecisionId: state.lastDecisionId });
  return plan;
}
