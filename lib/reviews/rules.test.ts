import { describe, expect, it } from 'vitest';
import type { Caller } from '../auth/authorization';
import type { ActorRef } from '../domain/actors';
import {
  type ActorKind,
  AUDIT_EVENTS,
  type EditOrigin,
  ROLES,
  type Role,
  VERDICTS,
  type Verdict,
} from '../domain/enums';
import { AppError } from '../errors';
import {
  activeClaim,
  type Claim,
  type Command,
  type CommandType,
  type LastChange,
  MAX_SNAPSHOT_BYTES_PER_REVIEW,
  MAX_VERSIONS_PER_REVIEW,
  type OverlayState,
  type Plan,
  planCommand,
  versionConflict,
} from './rules';

// ---------------------------------------------------------------------------------------------
// Builders

const NOW = new Date('2026-05-13T09:00:00.000Z');
const at = (minutesFromNow: number) => new Date(NOW.getTime() + minutesFromNow * 60_000);
const secondsLater = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

function makeCaller(role: Role, overrides: Partial<Caller> = {}): Caller {
  return {
    pk: `pk_${role}`,
    kind: role === 'integration' ? 'agent' : 'human',
    id: `act_${role}`,
    display_name: `The ${role}`,
    role,
    organizationId: 'org_1',
    ...overrides,
  };
}

const reviewer = makeCaller('reviewer');
const lead = makeCaller('lead');
const admin = makeCaller('admin');
const integration = makeCaller('integration');
const otherReviewer = makeCaller('reviewer', { pk: 'pk_other', id: 'act_other', display_name: 'Olive Other' });

/** What the contract shows of an actor: no row id. */
const shown = (actor: ActorRef) => ({ kind: actor.kind, id: actor.id, display_name: actor.display_name });
/** A caller as history rows point at it: the actor without role or organization. */
const refOf = (actor: ActorRef): ActorRef => ({ pk: actor.pk, ...shown(actor) });

function claimBy(holder: ActorRef, expiresInMinutes: number, claimedMinutesAgo = 10): Claim {
  return { holder: refOf(holder), claimedAt: at(-claimedMinutesAgo), expiresAt: at(expiresInMinutes) };
}

/** An overlay awaiting review at rev 7 with versions 0..2. */
function awaiting(overrides: Partial<OverlayState> = {}): OverlayState {
  return {
    status: 'awaiting_review',
    rev: 7,
    headSeq: 2,
    snapshotBytes: 3_000,
    effectiveSeq: null,
    decidedAt: null,
    awaitingSince: at(-60),
    claim: null,
    lastDecisionId: null,
    ...overrides,
  };
}

function decided(verdict: Verdict, overrides: Partial<OverlayState> = {}): OverlayState {
  return awaiting({
    status: verdict,
    effectiveSeq: verdict === 'approved' ? 1 : null,
    decidedAt: at(-5),
    lastDecisionId: 'dec_1',
    ...overrides,
  });
}

const cmd = {
  append: (o: Partial<Extract<Command, { type: 'append_version' }>> = {}): Command => ({
    type: 'append_version',
    origin: 'human_edit',
    note: null,
    ...o,
  }),
  approve: (o: Partial<Extract<Command, { type: 'decide' }>> = {}): Command => ({
    type: 'decide',
    verdict: 'approved',
    hasEditedOutput: false,
    onSeq: null,
    effectiveSeq: null,
    reason: null,
    ...o,
  }),
  reject: (o: Partial<Extract<Command, { type: 'decide' }>> = {}): Command => ({
    type: 'decide',
    verdict: 'rejected',
    hasEditedOutput: false,
    onSeq: null,
    effectiveSeq: null,
    reason: 'the total is wrong',
    ...o,
  }),
  claim: (o: Partial<Extract<Command, { type: 'claim' }>> = {}): Command => ({
    type: 'claim',
    ttlSeconds: 900,
    force: false,
    ...o,
  }),
  release: (): Command => ({ type: 'release' }),
  revert: (o: Partial<Extract<Command, { type: 'revert' }>> = {}): Command => ({
    type: 'revert',
    toSeq: 0,
    note: null,
    ...o,
  }),
  reopen: (o: Partial<Extract<Command, { type: 'reopen' }>> = {}): Command => ({
    type: 'reopen',
    reason: 'the customer disputes it',
    ...o,
  }),
};

interface Scenario {
  state?: OverlayState;
  caller?: Caller;
  command: Command;
  /** Defaults to the state's current rev. */
  stamp?: number;
  lastChange?: LastChange | null;
  /** Bytes of the snapshot a new version would hold; 0 leaves `next.snapshotBytes` as it was. */
  newSnapshotBytes?: number;
}

function plan({
  state = awaiting(),
  caller = reviewer,
  command,
  stamp,
  lastChange = null,
  newSnapshotBytes = 0,
}: Scenario): Plan {
  return planCommand(
    { state, caller, command, versionStamp: stamp ?? state.rev, now: NOW, newSnapshotBytes },
    lastChange,
  );
}

function refusal(scenario: Scenario): AppError {
  try {
    plan(scenario);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`expected ${scenario.command.type} to be refused, but it was planned`);
}

/** The `next` a plan reports for a state it leaves alone. */
function nextOf(state: OverlayState): Plan['next'] {
  const { rev: _rev, lastDecisionId: _last, ...next } = state;
  return next;
}

const issuesOf = (error: AppError) => (error.details as { issues: { path: (string | number)[] }[] }).issues;

// ---------------------------------------------------------------------------------------------

describe('activeClaim', () => {
  it('is null without a claim', () => {
    expect(activeClaim(null, NOW)).toBeNull();
  });

  it('returns a claim that has not expired yet', () => {
    const claim = claimBy(otherReviewer, 0.001);
    expect(activeClaim(claim, NOW)).toBe(claim);
  });

  it('treats a claim expiring exactly now as expired', () => {
    expect(activeClaim(claimBy(otherReviewer, 0), NOW)).toBeNull();
  });

  it('treats a claim that expired earlier as no claim', () => {
    expect(activeClaim(claimBy(otherReviewer, -1), NOW)).toBeNull();
  });
});

describe('versionConflict', () => {
  const state = { rev: 9, headSeq: 4, status: 'approved' as const };

  it('reports what the client needs to tell its user what moved', () => {
    const lastChange: LastChange = { event: 'approved', actor: refOf(otherReviewer), at: at(-2) };
    const error = versionConflict(7, state, lastChange);
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('version_conflict');
    expect(error.message).toContain('version_stamp 7');
    expect(error.message).toContain('rev 9');
    expect(error.details).toEqual({
      expected: 7,
      current_rev: 9,
      head_seq: 4,
      status: 'approved',
      last_change: {
        event: 'approved',
        actor: { kind: 'human', id: 'act_other', display_name: 'Olive Other' },
        at: '2026-05-13T08:58:00.000Z',
      },
    });
  });

  it('never leaks the actor row id', () => {
    const lastChange: LastChange = { event: 'claimed', actor: refOf(lead), at: NOW };
    const details = versionConflict(1, state, lastChange).details as { last_change: { actor: object } };
    expect(details.last_change.actor).not.toHaveProperty('pk');
  });

  it('reports last_change as null when none is known', () => {
    expect(versionConflict(3, state, null).details).toEqual({
      expected: 3,
      current_rev: 9,
      head_seq: 4,
      status: 'approved',
      last_change: null,
    });
  });
});

describe('planCommand: roles', () => {
  /** For each command, a request that succeeds for every role allowed to make it. */
  const requests: Record<CommandType, { state: OverlayState; command: Command; allowed: Role[] }> = {
    append_version: {
      state: awaiting(),
      command: cmd.append({ origin: 'agent_edit' }),
      allowed: ['reviewer', 'lead', 'admin', 'integration'],
    },
    decide: { state: awaiting(), command: cmd.approve(), allowed: ['reviewer', 'lead', 'admin'] },
    claim: { state: awaiting(), command: cmd.claim(), allowed: ['reviewer', 'lead', 'admin'] },
    release: { state: awaiting(), command: cmd.release(), allowed: ['reviewer', 'lead', 'admin'] },
    revert: { state: awaiting(), command: cmd.revert(), allowed: ['reviewer', 'lead', 'admin'] },
    reopen: { state: decided('approved'), command: cmd.reopen(), allowed: ['lead', 'admin'] },
  };

  for (const [type, { state, command, allowed }] of Object.entries(requests)) {
    for (const role of ROLES) {
      const caller = makeCaller(role);
      if (allowed.includes(role)) {
        it(`lets a ${role} ${type}`, () => {
          expect(() => plan({ state, caller, command })).not.toThrow();
        });
      } else {
        it(`forbids a ${role} to ${type}`, () => {
          const error = refusal({ state, caller, command });
          expect(error.code).toBe('forbidden');
          expect(error.message).toContain(role);
        });

        it(`forbids a ${role} to ${type} before looking at a stale stamp`, () => {
          expect(refusal({ state, caller, command, stamp: state.rev - 1 }).code).toBe('forbidden');
        });
      }
    }
  }
});

describe('planCommand: what a role forbids outright comes before the stamp', () => {
  it('forbids a reviewer to force a claim even with a stale stamp', () => {
    const state = awaiting({ rev: 4 });
    expect(refusal({ state, command: cmd.claim({ force: true }), stamp: 3 }).code).toBe('forbidden');
  });

  it('forbids an integration a human_edit even with a stale stamp', () => {
    const state = awaiting({ rev: 4 });
    const command = cmd.append({ origin: 'human_edit' });
    expect(refusal({ state, caller: integration, command, stamp: 3 }).code).toBe('forbidden');
  });
});

describe('planCommand: stale stamp', () => {
  const lastChange: LastChange = { event: 'version_appended', actor: refOf(otherReviewer), at: at(-1) };
  const staleCases: [string, Scenario][] = [
    ['append_version', { command: cmd.append() }],
    ['decide approved', { command: cmd.approve() }],
    ['decide rejected', { command: cmd.reject() }],
    ['claim', { command: cmd.claim() }],
    ['release', { command: cmd.release(), state: awaiting({ claim: claimBy(reviewer, 5) }) }],
    ['revert', { command: cmd.revert() }],
    ['reopen', { command: cmd.reopen(), caller: lead, state: decided('rejected') }],
  ];

  for (const [name, scenario] of staleCases) {
    it(`refuses ${name} with version_conflict and the details`, () => {
      const state = scenario.state ?? awaiting();
      const error = refusal({ ...scenario, stamp: state.rev - 2, lastChange });
      expect(error.code).toBe('version_conflict');
      expect(error.details).toEqual({
        expected: state.rev - 2,
        current_rev: state.rev,
        head_seq: 2,
        status: state.status,
        last_change: {
          event: 'version_appended',
          actor: { kind: 'human', id: 'act_other', display_name: 'Olive Other' },
          at: '2026-05-13T08:59:00.000Z',
        },
      });
    });
  }

  it('reports last_change null when the caller gives none', () => {
    const error = refusal({ command: cmd.approve(), stamp: 8 });
    expect(error.code).toBe('version_conflict');
    expect((error.details as { last_change: unknown }).last_change).toBeNull();
    expect((error.details as { expected: number }).expected).toBe(8);
  });

  it('is checked before the status: a stale stamp on a decided overlay is a conflict', () => {
    for (const verdict of VERDICTS) {
      const error = refusal({ state: decided(verdict), command: cmd.append(), stamp: 6 });
      expect(error.code).toBe('version_conflict');
      expect((error.details as { status: string }).status).toBe(verdict);
    }
  });

  it('is checked before the claim and before validation', () => {
    const claimed = awaiting({ claim: claimBy(otherReviewer, 5) });
    expect(refusal({ state: claimed, command: cmd.claim(), stamp: 6 }).code).toBe('version_conflict');
    expect(refusal({ command: cmd.reject({ reason: ' ' }), stamp: 6 }).code).toBe('version_conflict');
    expect(refusal({ command: cmd.revert({ toSeq: 99 }), stamp: 6 }).code).toBe('version_conflict');
    expect(refusal({ state: awaiting(), caller: lead, command: cmd.reopen(), stamp: 6 }).code).toBe('version_conflict');
  });

  it('refuses a stamp from the future just the same', () => {
    expect(refusal({ command: cmd.approve(), stamp: 8 }).code).toBe('version_conflict');
  });
});

describe('planCommand: decided overlays', () => {
  const refused: [string, Command][] = [
    ['append_version', cmd.append()],
    ['decide approved', cmd.approve()],
    ['decide rejected', cmd.reject()],
    ['claim', cmd.claim()],
    ['claim with force', cmd.claim({ force: true })],
    ['revert', cmd.revert()],
  ];

  for (const verdict of VERDICTS) {
    for (const [name, command] of refused) {
      it(`refuses ${name} on an ${verdict} overlay with not_awaiting_review`, () => {
        const error = refusal({ state: decided(verdict), caller: lead, command });
        expect(error.code).toBe('not_awaiting_review');
        expect(error.details).toEqual({ status: verdict });
      });
    }

    it(`treats release on an ${verdict} overlay without a claim as a no-op`, () => {
      const state = decided(verdict);
      const result = plan({ state, command: cmd.release() });
      expect(result.noop).toBe(true);
      expect(result.audit).toEqual([]);
      expect(result.next).toEqual(nextOf(state));
    });

    it(`lets a lead reopen an ${verdict} overlay`, () => {
      expect(plan({ state: decided(verdict), caller: lead, command: cmd.reopen() }).next.status).toBe(
        'awaiting_review',
      );
    });
  }

  it('refuses an integration agent_edit on a decided overlay', () => {
    const error = refusal({
      state: decided('approved'),
      caller: integration,
      command: cmd.append({ origin: 'agent_edit' }),
    });
    expect(error.code).toBe('not_awaiting_review');
  });
});

describe('planCommand: append_version', () => {
  it('appends seq = head + 1 on top of the head', () => {
    const state = awaiting({ headSeq: 4 });
    const result = plan({ state, command: cmd.append({ note: 'fixed the vendor' }) });
    expect(result).toEqual({
      noop: false,
      next: { ...nextOf(state), headSeq: 5 },
      version: { seq: 5, parentSeq: 4, origin: 'human_edit', copyOfSeq: null, note: 'fixed the vendor' },
      decision: null,
      audit: [{ event: 'version_appended', detail: { seq: 5, parent_seq: 4, origin: 'human_edit' } }],
      outbox: [],
    });
  });

  it('appends on top of version 0 of a fresh gate', () => {
    const result = plan({ state: awaiting({ rev: 0, headSeq: 0 }), command: cmd.append() });
    expect(result.version).toMatchObject({ seq: 1, parentSeq: 0 });
  });

  it('leaves the claim, status and effective seq alone', () => {
    const claim = claimBy(otherReviewer, 5);
    const result = plan({ state: awaiting({ claim }), command: cmd.append() });
    expect(result.next.claim).toBe(claim);
    expect(result.next.status).toBe('awaiting_review');
    expect(result.next.decidedAt).toBeNull();
  });

  it('lets a human append an agent_edit', () => {
    expect(plan({ caller: lead, command: cmd.append({ origin: 'agent_edit' }) }).version?.origin).toBe('agent_edit');
  });

  it('lets an integration append an agent_edit', () => {
    const result = plan({ caller: integration, command: cmd.append({ origin: 'agent_edit' }) });
    expect(result.version).toEqual({ seq: 3, parentSeq: 2, origin: 'agent_edit', copyOfSeq: null, note: null });
    expect(result.audit).toEqual([
      { event: 'version_appended', detail: { seq: 3, parent_seq: 2, origin: 'agent_edit' } },
    ]);
  });

  it('forbids an integration to pass an edit off as a human_edit', () => {
    const error = refusal({ caller: integration, command: cmd.append({ origin: 'human_edit' }) });
    expect(error.code).toBe('forbidden');
    expect(error.message).toContain('agent_edit');
  });
});

describe('planCommand: decide approved', () => {
  it('defaults on_seq to the head and effective_seq to on_seq', () => {
    const state = awaiting({ headSeq: 3 });
    const result = plan({ state, command: cmd.approve() });
    expect(result).toEqual({
      noop: false,
      next: { ...nextOf(state), status: 'approved', effectiveSeq: 3, decidedAt: NOW, claim: null },
      version: null,
      decision: { verdict: 'approved', onSeq: 3, effectiveSeq: 3, reason: null, supersedesId: null },
      audit: [
        {
          event: 'approved',
          detail: { on_seq: 3, effective_seq: 3, reason: null, supersedes_decision_id: null },
        },
      ],
      outbox: [{ eventType: 'review.decided' }],
    });
  });

  const explicit: [string, { onSeq: number | null; effectiveSeq: number | null }, [number, number]][] = [
    ['an explicit on_seq, effective following it', { onSeq: 1, effectiveSeq: null }, [1, 1]],
    ['an explicit effective_seq, on_seq defaulting to the head', { onSeq: null, effectiveSeq: 0 }, [2, 0]],
    ['both explicit', { onSeq: 1, effectiveSeq: 0 }, [1, 0]],
    ['version 0 for both', { onSeq: 0, effectiveSeq: 0 }, [0, 0]],
    ['the head named explicitly', { onSeq: 2, effectiveSeq: 2 }, [2, 2]],
  ];
  for (const [name, seqs, [onSeq, effectiveSeq]] of explicit) {
    it(`approves ${name}`, () => {
      const result = plan({ command: cmd.approve(seqs) });
      expect(result.decision).toMatchObject({ onSeq, effectiveSeq });
      expect(result.next.effectiveSeq).toBe(effectiveSeq);
      expect(result.next.headSeq).toBe(2);
      expect(result.version).toBeNull();
    });
  }

  const unknown: [string, { onSeq: number | null; effectiveSeq: number | null }][] = [
    ['on_seq', { onSeq: 3, effectiveSeq: null }],
    ['on_seq', { onSeq: -1, effectiveSeq: null }],
    ['on_seq', { onSeq: 1.5, effectiveSeq: null }],
    ['effective_seq', { onSeq: null, effectiveSeq: 3 }],
    ['effective_seq', { onSeq: 1, effectiveSeq: 42 }],
    ['effective_seq', { onSeq: null, effectiveSeq: -1 }],
  ];
  for (const [field, seqs] of unknown) {
    it(`refuses an unknown ${field} (${JSON.stringify(seqs)}) with a validation_error on ${field}`, () => {
      const error = refusal({ command: cmd.approve(seqs) });
      expect(error.code).toBe('validation_error');
      expect(issuesOf(error)).toEqual([{ path: [field], message: expect.stringContaining('no version') }]);
    });
  }

  const editors: [string, Caller, EditOrigin][] = [
    ['a human', reviewer, 'human_edit'],
    ['an agent', makeCaller('reviewer', { kind: 'agent', pk: 'pk_bot', id: 'act_bot' }), 'agent_edit'],
    ['a model', makeCaller('lead', { kind: 'model' as ActorKind, pk: 'pk_llm', id: 'act_llm' }), 'agent_edit'],
  ];
  for (const [who, caller, origin] of editors) {
    it(`appends edited_output as a ${origin} for ${who} and approves it`, () => {
      const result = plan({ caller, command: cmd.approve({ hasEditedOutput: true }) });
      expect(result.version).toEqual({ seq: 3, parentSeq: 2, origin, copyOfSeq: null, note: null });
      expect(result.next).toMatchObject({ headSeq: 3, status: 'approved', effectiveSeq: 3, decidedAt: NOW });
      expect(result.decision).toEqual({
        verdict: 'approved',
        onSeq: 3,
        effectiveSeq: 3,
        reason: null,
        supersedesId: null,
      });
      expect(result.audit.map((entry) => entry.event)).toEqual(['version_appended', 'approved']);
      expect(result.audit[0]).toEqual({ event: 'version_appended', detail: { seq: 3, parent_seq: 2, origin } });
      expect(result.outbox).toEqual([{ eventType: 'review.decided' }]);
    });
  }

  const seqsWithEdit: [string, { onSeq: number | null; effectiveSeq: number | null }][] = [
    ['on_seq', { onSeq: 2, effectiveSeq: null }],
    ['effective_seq', { onSeq: null, effectiveSeq: 1 }],
    ['on_seq', { onSeq: 0, effectiveSeq: 0 }],
  ];
  for (const [field, seqs] of seqsWithEdit) {
    it(`refuses edited_output together with ${JSON.stringify(seqs)} on ${field}`, () => {
      const error = refusal({ command: cmd.approve({ hasEditedOutput: true, ...seqs }) });
      expect(error.code).toBe('validation_error');
      expect(issuesOf(error).map((issue) => issue.path)).toEqual([[field]]);
    });
  }

  it('orders the audit: version_appended, approved, claim_released, and clears the claim', () => {
    const state = awaiting({ claim: claimBy(otherReviewer, 5) });
    const result = plan({ state, command: cmd.approve({ hasEditedOutput: true }) });
    expect(result.audit.map((entry) => entry.event)).toEqual(['version_appended', 'approved', 'claim_released']);
    expect(result.audit[2]).toEqual({
      event: 'claim_released',
      detail: { holder: { kind: 'human', id: 'act_other', display_name: 'Olive Other' }, cause: 'decided' },
    });
    expect(result.next.claim).toBeNull();
  });

  it('releases the caller’s own claim too', () => {
    const result = plan({ state: awaiting({ claim: claimBy(reviewer, 5) }), command: cmd.approve() });
    expect(result.audit.map((entry) => entry.event)).toEqual(['approved', 'claim_released']);
    expect(result.next.claim).toBeNull();
  });

  it('clears an expired claim without auditing a release', () => {
    const result = plan({ state: awaiting({ claim: claimBy(otherReviewer, -1) }), command: cmd.approve() });
    expect(result.audit.map((entry) => entry.event)).toEqual(['approved']);
    expect(result.next.claim).toBeNull();
  });

  it('supersedes the last decision after a reopen', () => {
    const result = plan({ state: awaiting({ lastDecisionId: 'dec_prev' }), command: cmd.approve() });
    expect(result.decision?.supersedesId).toBe('dec_prev');
    expect(result.audit[0]?.detail.supersedes_decision_id).toBe('dec_prev');
  });

  it('sets decided_at to now and keeps awaiting_since', () => {
    const state = awaiting();
    const result = plan({ state, command: cmd.approve() });
    expect(result.next.decidedAt).toBe(NOW);
    expect(result.next.awaitingSince).toBe(state.awaitingSince);
  });
});

describe('planCommand: decide rejected', () => {
  it('rejects with a reason, no effective version, and tells downstream', () => {
    const state = awaiting({ claim: claimBy(reviewer, 5), lastDecisionId: 'dec_prev' });
    const result = plan({ state, command: cmd.reject({ reason: 'vendor is not ours' }) });
    expect(result).toEqual({
      noop: false,
      next: { ...nextOf(state), status: 'rejected', effectiveSeq: null, decidedAt: NOW, claim: null },
      version: null,
      decision: {
        verdict: 'rejected',
        onSeq: 2,
        effectiveSeq: null,
        reason: 'vendor is not ours',
        supersedesId: 'dec_prev',
      },
      audit: [
        {
          event: 'rejected',
          detail: {
            on_seq: 2,
            effective_seq: null,
            reason: 'vendor is not ours',
            supersedes_decision_id: 'dec_prev',
          },
        },
        {
          event: 'claim_released',
          detail: { holder: { kind: 'human', id: 'act_reviewer', display_name: 'The reviewer' }, cause: 'decided' },
        },
      ],
      outbox: [{ eventType: 'review.decided' }],
    });
  });

  it('rejects on an explicit on_seq', () => {
    expect(plan({ command: cmd.reject({ onSeq: 0 }) }).decision).toMatchObject({ onSeq: 0, effectiveSeq: null });
  });

  it('refuses an unknown on_seq', () => {
    const error = refusal({ command: cmd.reject({ onSeq: 5 }) });
    expect(error.code).toBe('validation_error');
    expect(issuesOf(error).map((issue) => issue.path)).toEqual([['on_seq']]);
  });

  for (const reason of [null, '', ' ', '   ', '\n\t ']) {
    it(`requires a non-blank reason (${JSON.stringify(reason)})`, () => {
      const error = refusal({ command: cmd.reject({ reason }) });
      expect(error.code).toBe('validation_error');
      expect(issuesOf(error).map((issue) => issue.path)).toEqual([['reason']]);
    });
  }

  const extras: [string, Partial<Extract<Command, { type: 'decide' }>>, string[][]][] = [
    ['edited_output', { hasEditedOutput: true }, [['edited_output']]],
    ['effective_seq', { effectiveSeq: 1 }, [['effective_seq']]],
    ['effective_seq 0', { effectiveSeq: 0 }, [['effective_seq']]],
    ['both', { hasEditedOutput: true, effectiveSeq: 1 }, [['edited_output'], ['effective_seq']]],
  ];
  for (const [name, extra, paths] of extras) {
    it(`refuses a rejection carrying ${name}`, () => {
      const error = refusal({ command: cmd.reject(extra) });
      expect(error.code).toBe('validation_error');
      expect(issuesOf(error).map((issue) => issue.path)).toEqual(paths);
    });
  }
});

describe('planCommand: claim', () => {
  it('claims an unclaimed overlay until now + ttl', () => {
    const state = awaiting();
    const result = plan({ state, caller: reviewer, command: cmd.claim({ ttlSeconds: 900 }) });
    expect(result).toEqual({
      noop: false,
      next: {
        ...nextOf(state),
        claim: { holder: refOf(reviewer), claimedAt: NOW, expiresAt: secondsLater(900) },
      },
      version: null,
      decision: null,
      audit: [{ event: 'claimed', detail: { expires_at: '2026-05-13T09:15:00.000Z' } }],
      outbox: [],
    });
  });

  it('stores only the actor, not the role or organization, as holder', () => {
    const holder = plan({ command: cmd.claim({ ttlSeconds: 30 }) }).next.claim?.holder;
    expect(holder).toEqual({ pk: 'pk_reviewer', kind: 'human', id: 'act_reviewer', display_name: 'The reviewer' });
  });

  it('renews the holder’s own claim, keeping claimed_at', () => {
    const own = claimBy(reviewer, 2, 10);
    const result = plan({ state: awaiting({ claim: own }), command: cmd.claim({ ttlSeconds: 600 }) });
    expect(result.next.claim).toEqual({
      holder: refOf(reviewer),
      claimedAt: own.claimedAt,
      expiresAt: secondsLater(600),
    });
    expect(result.audit).toEqual([{ event: 'claim_renewed', detail: { expires_at: '2026-05-13T09:10:00.000Z' } }]);
  });

  it('renews rather than takes over when a lead forces their own claim', () => {
    const result = plan({
      state: awaiting({ claim: claimBy(lead, 2) }),
      caller: lead,
      command: cmd.claim({ force: true }),
    });
    expect(result.audit.map((entry) => entry.event)).toEqual(['claim_renewed']);
  });

  it('claims afresh when the caller’s own claim has expired', () => {
    const result = plan({ state: awaiting({ claim: claimBy(reviewer, -1) }), command: cmd.claim() });
    expect(result.next.claim).toMatchObject({ claimedAt: NOW, expiresAt: secondsLater(900) });
    expect(result.audit.map((entry) => entry.event)).toEqual(['claimed']);
  });

  for (const caller of [reviewer, lead, admin]) {
    it(`refuses a ${caller.role} while another holds an unexpired claim`, () => {
      const error = refusal({ state: awaiting({ claim: claimBy(otherReviewer, 5) }), caller, command: cmd.claim() });
      expect(error.code).toBe('claim_held');
      expect(error.details).toEqual({
        holder: { kind: 'human', id: 'act_other', display_name: 'Olive Other' },
        expires_at: '2026-05-13T09:05:00.000Z',
      });
      expect(error.message).toContain('Olive Other');
    });
  }

  it('lets anyone claim over another’s expired claim', () => {
    const result = plan({ state: awaiting({ claim: claimBy(otherReviewer, -1) }), command: cmd.claim() });
    expect(result.next.claim).toEqual({ holder: refOf(reviewer), claimedAt: NOW, expiresAt: secondsLater(900) });
    expect(result.audit).toEqual([{ event: 'claimed', detail: { expires_at: '2026-05-13T09:15:00.000Z' } }]);
  });

  for (const caller of [lead, admin]) {
    it(`lets a ${caller.role} take over another’s claim with force`, () => {
      const result = plan({
        state: awaiting({ claim: claimBy(otherReviewer, 5) }),
        caller,
        command: cmd.claim({ force: true, ttlSeconds: 120 }),
      });
      expect(result.next.claim).toEqual({ holder: refOf(caller), claimedAt: NOW, expiresAt: secondsLater(120) });
      expect(result.audit).toEqual([
        {
          event: 'claim_taken_over',
          detail: {
            previous_holder: { kind: 'human', id: 'act_other', display_name: 'Olive Other' },
            expires_at: '2026-05-13T09:02:00.000Z',
          },
        },
      ]);
    });

    it(`records a plain claim when a ${caller.role} forces an unclaimed overlay`, () => {
      const result = plan({ caller, command: cmd.claim({ force: true }) });
      expect(result.audit.map((entry) => entry.event)).toEqual(['claimed']);
    });
  }

  const reviewerForce: [string, OverlayState][] = [
    ['unclaimed', awaiting()],
    ['claimed by another', awaiting({ claim: claimBy(otherReviewer, 5) })],
    ['claimed by themselves', awaiting({ claim: claimBy(reviewer, 5) })],
  ];
  for (const [name, state] of reviewerForce) {
    it(`forbids a reviewer to force a claim (${name})`, () => {
      const error = refusal({ state, caller: reviewer, command: cmd.claim({ force: true }) });
      expect(error.code).toBe('forbidden');
    });
  }
});

describe('planCommand: release', () => {
  const noops: [string, OverlayState, Caller][] = [
    ['no claim', awaiting(), reviewer],
    ['an expired claim of the caller', awaiting({ claim: claimBy(reviewer, -1) }), reviewer],
    ['an expired claim of another, released by a reviewer', awaiting({ claim: claimBy(otherReviewer, -1) }), reviewer],
    ['a claim that expires right now', awaiting({ claim: claimBy(otherReviewer, 0) }), lead],
  ];
  for (const [name, state, caller] of noops) {
    it(`is a no-op with ${name}`, () => {
      expect(plan({ state, caller, command: cmd.release() })).toEqual({
        noop: true,
        next: nextOf(state),
        version: null,
        decision: null,
        audit: [],
        outbox: [],
      });
    });
  }

  it('releases the holder’s own claim', () => {
    const state = awaiting({ claim: claimBy(reviewer, 5) });
    expect(plan({ state, caller: reviewer, command: cmd.release() })).toEqual({
      noop: false,
      next: { ...nextOf(state), claim: null },
      version: null,
      decision: null,
      audit: [
        {
          event: 'claim_released',
          detail: { holder: { kind: 'human', id: 'act_reviewer', display_name: 'The reviewer' }, cause: 'released' },
        },
      ],
      outbox: [],
    });
  });

  for (const caller of [lead, admin]) {
    it(`lets a ${caller.role} release another’s claim`, () => {
      const result = plan({ state: awaiting({ claim: claimBy(otherReviewer, 5) }), caller, command: cmd.release() });
      expect(result.noop).toBe(false);
      expect(result.next.claim).toBeNull();
      expect(result.audit).toEqual([
        {
          event: 'claim_released',
          detail: {
            holder: { kind: 'human', id: 'act_other', display_name: 'Olive Other' },
            cause: 'released_by_lead',
          },
        },
      ]);
    });
  }

  it('refuses a reviewer releasing another’s claim with claim_held', () => {
    const error = refusal({
      state: awaiting({ claim: claimBy(otherReviewer, 5) }),
      caller: reviewer,
      command: cmd.release(),
    });
    expect(error.code).toBe('claim_held');
    expect(error.details).toEqual({
      holder: { kind: 'human', id: 'act_other', display_name: 'Olive Other' },
      expires_at: '2026-05-13T09:05:00.000Z',
    });
  });

  it('recognises the holder by row id, not by display name', () => {
    const namesake = makeCaller('reviewer', { pk: 'pk_namesake', display_name: 'Olive Other', id: 'act_other' });
    const error = refusal({
      state: awaiting({ claim: claimBy(otherReviewer, 5) }),
      caller: namesake,
      command: cmd.release(),
    });
    expect(error.code).toBe('claim_held');
  });
});

describe('planCommand: revert', () => {
  it('appends a revert copying to_seq, derived from to_seq', () => {
    const state = awaiting({ headSeq: 4 });
    const result = plan({ state, command: cmd.revert({ toSeq: 1, note: 'back to the model' }) });
    expect(result).toEqual({
      noop: false,
      next: { ...nextOf(state), headSeq: 5 },
      version: { seq: 5, parentSeq: 1, origin: 'revert', copyOfSeq: 1, note: 'back to the model' },
      decision: null,
      audit: [{ event: 'version_reverted', detail: { seq: 5, to_seq: 1, previous_head_seq: 4 } }],
      outbox: [],
    });
  });

  it('accepts version 0 and the head itself', () => {
    expect(plan({ command: cmd.revert({ toSeq: 0 }) }).version).toMatchObject({ seq: 3, parentSeq: 0, copyOfSeq: 0 });
    expect(plan({ command: cmd.revert({ toSeq: 2 }) }).version).toMatchObject({ seq: 3, parentSeq: 2, copyOfSeq: 2 });
  });

  for (const toSeq of [3, 100, -1]) {
    it(`refuses an unknown to_seq ${toSeq} with a validation_error on to_seq`, () => {
      const error = refusal({ command: cmd.revert({ toSeq }) });
      expect(error.code).toBe('validation_error');
      expect(issuesOf(error).map((issue) => issue.path)).toEqual([['to_seq']]);
    });
  }
});

describe('planCommand: reopen', () => {
  for (const verdict of VERDICTS) {
    for (const caller of [lead, admin]) {
      it(`lets a ${caller.role} reopen an ${verdict} overlay`, () => {
        const state = decided(verdict, { headSeq: 3, lastDecisionId: 'dec_9' });
        const result = plan({ state, caller, command: cmd.reopen({ reason: 'customer dispute' }) });
        expect(result).toEqual({
          noop: false,
          next: {
            ...nextOf(state),
            status: 'awaiting_review',
            effectiveSeq: null,
            decidedAt: null,
            awaitingSince: NOW,
          },
          version: null,
          decision: null,
          audit: [
            {
              event: 'reopened',
              detail: { reason: 'customer dispute', previous_status: verdict, reopened_decision_id: 'dec_9' },
            },
          ],
          outbox: [{ eventType: 'review.reopened', reason: 'customer dispute', reopenedDecisionId: 'dec_9' }],
        });
        expect(result.next.headSeq).toBe(3);
      });
    }
  }

  it('refuses to reopen an overlay that is awaiting review', () => {
    const error = refusal({ state: awaiting(), caller: lead, command: cmd.reopen() });
    expect(error.code).toBe('validation_error');
    expect(issuesOf(error)).toEqual([{ path: [], message: expect.stringContaining('approved or rejected') }]);
  });

  for (const reason of ['', ' ', '\t\n']) {
    it(`requires a non-blank reason (${JSON.stringify(reason)})`, () => {
      const error = refusal({ state: decided('approved'), caller: admin, command: cmd.reopen({ reason }) });
      expect(error.code).toBe('validation_error');
      expect(issuesOf(error).map((issue) => issue.path)).toEqual([['reason']]);
    });
  }

  it('lets the next decision supersede the reopened one', () => {
    const reopened = plan({
      state: decided('approved', { lastDecisionId: 'dec_9' }),
      caller: lead,
      command: cmd.reopen(),
    });
    const state: OverlayState = { ...reopened.next, rev: 8, lastDecisionId: 'dec_9' };
    expect(plan({ state, command: cmd.approve() }).decision?.supersedesId).toBe('dec_9');
  });
});

describe('planCommand: invariants', () => {
  // Opening a gate is no command: every other event is one a command may audit.
  const COMMAND_EVENTS = AUDIT_EVENTS.filter((event) => event !== 'gate_opened');
  const successes: [string, Scenario][] = [
    ['append human_edit', { command: cmd.append() }],
    ['append agent_edit by integration', { caller: integration, command: cmd.append({ origin: 'agent_edit' }) }],
    ['approve', { command: cmd.approve() }],
    ['approve with edit', { command: cmd.approve({ hasEditedOutput: true }) }],
    ['approve over a claim', { state: awaiting({ claim: claimBy(otherReviewer, 5) }), command: cmd.approve() }],
    ['reject', { command: cmd.reject() }],
    ['claim', { command: cmd.claim() }],
    ['renew', { state: awaiting({ claim: claimBy(reviewer, 5) }), command: cmd.claim() }],
    [
      'take over',
      { state: awaiting({ claim: claimBy(otherReviewer, 5) }), caller: lead, command: cmd.claim({ force: true }) },
    ],
    ['release own', { state: awaiting({ claim: claimBy(reviewer, 5) }), command: cmd.release() }],
    [
      'release by lead',
      { state: awaiting({ claim: claimBy(otherReviewer, 5) }), caller: admin, command: cmd.release() },
    ],
    ['release nothing', { command: cmd.release() }],
    ['revert', { command: cmd.revert() }],
    ['reopen', { state: decided('rejected'), caller: lead, command: cmd.reopen() }],
  ];

  for (const [name, scenario] of successes) {
    it(`${name}: a non-noop plan audits at least one known event; a noop audits none`, () => {
      const result = plan(scenario);
      if (result.noop) {
        expect(result.audit).toEqual([]);
      } else {
        expect(result.audit.length).toBeGreaterThanOrEqual(1);
      }
      for (const entry of result.audit) expect(COMMAND_EVENTS).toContain(entry.event);
    });

    it(`${name}: leaves the input state untouched`, () => {
      const state = scenario.state ?? awaiting();
      const before = structuredClone(state);
      plan({ ...scenario, state });
      expect(state).toEqual(before);
    });
  }

  it('only release without a live claim is a no-op', () => {
    const noops = successes.filter(([, scenario]) => plan(scenario).noop).map(([name]) => name);
    expect(noops).toEqual(['release nothing']);
  });
});

describe('history limits', () => {
  // Every command that appends a version, with the body field that brings its snapshot.
  const appending: [string, Command, string][] = [
    ['/versions', cmd.append(), 'snapshot'],
    ['approve with edited_output', cmd.approve({ hasEditedOutput: true }), 'edited_output'],
    ['/revert', cmd.revert({ toSeq: 0 }), 'to_seq'],
  ];
  const lastSeq = MAX_VERSIONS_PER_REVIEW - 1;

  for (const [name, command, field] of appending) {
    it(`${name} may add version ${lastSeq}, the ${MAX_VERSIONS_PER_REVIEW}th`, () => {
      const result = plan({ state: awaiting({ headSeq: lastSeq - 1 }), command, newSnapshotBytes: 10 });
      expect(result.version?.seq).toBe(lastSeq);
      expect(result.next.headSeq).toBe(lastSeq);
    });

    it(`${name} is refused with 422 on ${field} once ${MAX_VERSIONS_PER_REVIEW} versions exist`, () => {
      const error = refusal({ state: awaiting({ headSeq: lastSeq }), command, newSnapshotBytes: 10 });
      expect(error.code).toBe('validation_error');
      expect(issuesOf(error).map((issue) => issue.path)).toEqual([[field]]);
      expect(error.message).toContain(`${MAX_VERSIONS_PER_REVIEW}`);
    });

    it(`${name} may fill the snapshots up to exactly ${MAX_SNAPSHOT_BYTES_PER_REVIEW} bytes, and counts them`, () => {
      const state = awaiting({ snapshotBytes: MAX_SNAPSHOT_BYTES_PER_REVIEW - 500 });
      expect(plan({ state, command, newSnapshotBytes: 500 }).next.snapshotBytes).toBe(MAX_SNAPSHOT_BYTES_PER_REVIEW);
    });

    it(`${name} is refused with 422 on ${field} one byte past ${MAX_SNAPSHOT_BYTES_PER_REVIEW} bytes`, () => {
      const state = awaiting({ snapshotBytes: MAX_SNAPSHOT_BYTES_PER_REVIEW - 500 });
      const error = refusal({ state, command, newSnapshotBytes: 501 });
      expect(error.code).toBe('validation_error');
      expect(issuesOf(error).map((issue) => issue.path)).toEqual([[field]]);
      expect(error.message).toContain('8 MiB');
    });
  }

  it('adds the new snapshot to the history size', () => {
    expect(plan({ command: cmd.append(), newSnapshotBytes: 1_234 }).next.snapshotBytes).toBe(3_000 + 1_234);
  });

  it('still lets a full history be approved as it is, or rejected', () => {
    const full = awaiting({ headSeq: lastSeq, snapshotBytes: MAX_SNAPSHOT_BYTES_PER_REVIEW });
    expect(plan({ state: full, command: cmd.approve() }).next.status).toBe('approved');
    expect(plan({ state: full, command: cmd.reject() }).next.status).toBe('rejected');
  });

  it('checks the stamp and the status before the limits', () => {
    const full = awaiting({ headSeq: lastSeq });
    expect(refusal({ state: full, command: cmd.append(), stamp: 3 }).code).toBe('version_conflict');
    expect(refusal({ state: { ...full, status: 'approved' }, command: cmd.append() }).code).toBe('not_awaiting_review');
  });
});
