/**
 * A small model of the review contract: what one overlay command should answer, given the
 * overlay's state and who calls. Written from /work/shared/api-contract.md, independently of
 * lib/reviews/rules.ts, so that the model-based test compares the API with the contract and not
 * with itself. Claims never expire here: the test claims with the default 15 minutes.
 */
import { canonicalJson } from '@/lib/canonical-json';

export type ModelRole = 'reviewer' | 'lead' | 'integration';
export type ModelAction = 'versions' | 'decision' | 'claim' | 'release' | 'revert' | 'reopen';

export interface ModelActor {
  name: string;
  role: ModelRole;
}

export interface ModelRequest {
  actor: ModelActor;
  action: ModelAction;
  body: Record<string, unknown> & { version_stamp: number; command_id?: string };
}

interface IdempotencyRecord {
  action: ModelAction;
  fingerprint: string;
}

export interface ModelState {
  rev: number;
  status: 'awaiting_review' | 'approved' | 'rejected';
  headSeq: number;
  claimHolder: string | null;
  decisions: number;
  reopens: number;
  /** `<actor>:<command_id>` → the request it applied. */
  idempotency: ReadonlyMap<string, IdempotencyRecord>;
}

export interface Expected {
  status: number;
  code?: string;
  replay?: boolean;
  /** What the answer's details or overlay must say. */
  rev: number;
  claimHolder?: string | null;
}

export const INITIAL_STATE: ModelState = {
  rev: 0,
  status: 'awaiting_review',
  headSeq: 0,
  claimHolder: null,
  decisions: 0,
  reopens: 0,
  idempotency: new Map(),
};

const ROLES: Record<ModelAction, readonly ModelRole[]> = {
  versions: ['reviewer', 'lead', 'integration'],
  decision: ['reviewer', 'lead'],
  claim: ['reviewer', 'lead'],
  release: ['reviewer', 'lead'],
  revert: ['reviewer', 'lead'],
  reopen: ['lead'],
};

/** The request as the contract identifies it for idempotency: without stamp, id and nulls. */
export function fingerprintOf(request: Pick<ModelRequest, 'action' | 'body'>): string {
  const { version_stamp: _stamp, command_id: _id, ...rest } = request.body;
  const present = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== null && value !== undefined));
  return canonicalJson({ action: request.action, ...present });
}

const refuse = (state: ModelState, status: number, code: string): [Expected, ModelState] => [
  { status, code, rev: state.rev },
  state,
];

/** The answer the contract promises for `request` on `state`, and the state after it. */
export function predict(state: ModelState, request: ModelRequest): [Expected, ModelState] {
  const { actor, action, body } = request;
  if (!ROLES[action].includes(actor.role)) return refuse(state, 403, 'forbidden');

  const idKey = body.command_id ? `${actor.name}:${body.command_id}` : null;
  const recorded = idKey ? state.idempotency.get(idKey) : undefined;
  if (recorded) {
    if (recorded.action !== action || recorded.fingerprint !== fingerprintOf(request)) {
      return refuse(state, 422, 'idempotency_key_reused');
    }
    return [{ status: 200, replay: true, rev: state.rev, claimHolder: state.claimHolder }, state];
  }
  if (action === 'claim' && body.force === true && actor.role !== 'lead') return refuse(state, 403, 'forbidden');
  if (action === 'versions' && actor.role === 'integration' && body.origin !== 'agent_edit') {
    return refuse(state, 403, 'forbidden');
  }
  if (body.version_stamp !== state.rev) return refuse(state, 409, 'version_conflict');

  const awaiting = state.status === 'awaiting_review';
  const needsAwaiting = action !== 'release' && action !== 'reopen';
  if (needsAwaiting && !awaiting) return refuse(state, 409, 'not_awaiting_review');

  let next: Omit<ModelState, 'rev' | 'idempotency'> = { ...state };
  switch (action) {
    case 'versions':
      next.headSeq += 1;
      break;
    case 'revert':
      if ((body.to_seq as number) > state.headSeq) return refuse(state, 422, 'validation_error');
      next.headSeq += 1;
      break;
    case 'claim':
      if (state.claimHolder !== null && state.claimHolder !== actor.name && body.force !== true) {
        return [{ status: 409, code: 'claim_held', rev: state.rev, claimHolder: state.claimHolder }, state];
      }
      next.claimHolder = actor.name;
      break;
    case 'release':
      // Nothing to release: a 200 that changes nothing and so records no command id either.
      if (state.claimHolder === null) return [{ status: 200, rev: state.rev, claimHolder: null }, state];
      if (state.claimHolder !== actor.name && actor.role !== 'lead') {
        return [{ status: 409, code: 'claim_held', rev: state.rev, claimHolder: state.claimHolder }, state];
      }
      next.claimHolder = null;
      break;
    case 'decision': {
      const onSeq = body.on_seq as number | undefined;
      if (onSeq !== undefined && onSeq > state.headSeq) return refuse(state, 422, 'validation_error');
      if (body.edited_output) next.headSeq += 1;
      next = {
        ...next,
        status: body.verdict as ModelState['status'],
        claimHolder: null,
        decisions: state.decisions + 1,
      };
      break;
    }
    case 'reopen':
      if (awaiting) return refuse(state, 422, 'validation_error');
      next = { ...next, status: 'awaiting_review', reopens: state.reopens + 1 };
      break;
  }
  const idempotency = new Map(state.idempotency);
  if (idKey) idempotency.set(idKey, { action, fingerprint: fingerprintOf(request) });
  const after: ModelState = { ...next, rev: state.rev + 1, idempotency };
  return [{ status: 200, rev: after.rev, claimHolder: after.claimHolder }, after];
}
