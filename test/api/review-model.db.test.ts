/**
 * Model-based concurrency test (fast-check's commands API): reviewers, a lead, an agent and an
 * integration key fire random claims, releases, edits, reverts, decisions, reopens, stale stamps,
 * replays and reused command ids at one overlay, several at once. Every answer of a batch must be
 * explained by some order of its calls against the small model in test/review-model.ts (the
 * contract, written separately from lib/); at the end the database must hold exactly what the
 * model says happened.
 *
 * MODEL_RUNS (default 20) and MODEL_COMMANDS (default 25) make it longer; MODEL_SEED replays
 * the run whose seed a failure printed.
 */
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { prisma } from '@/lib/db/prisma';
import type { ApiResponse } from '../api-client';
import { resetDatabase } from '../db';
import { createSilentEndpoint, createTeam, type TestActor, type TestTeam } from '../fixtures';
import { expectContiguousAudit, openReview, type Review, send } from '../review-helpers';
import {
  type Expected,
  INITIAL_STATE,
  type ModelAction,
  type ModelActor,
  type ModelRequest,
  type ModelState,
  predict,
} from '../review-model';

const RUNS = Number(process.env.MODEL_RUNS ?? 20);
const COMMANDS = Number(process.env.MODEL_COMMANDS ?? 25);
const SEED = Number(process.env.MODEL_SEED ?? Date.now() % 2 ** 31);

let team: TestTeam;
let actors: Record<string, { model: ModelActor; real: TestActor }>;

beforeAll(async () => {
  await resetDatabase();
  team = await createTeam('model');
  // Subscribed to every event and never answering: each event's deliveries stay countable.
  await createSilentEndpoint(team.organizationId);
  const entries: [string, TestActor, ModelActor['role']][] = [
    ['reviewer', team.reviewer, 'reviewer'],
    ['reviewer2', team.reviewer2, 'reviewer'],
    ['agent', team.agent, 'reviewer'],
    ['lead', team.lead, 'lead'],
    ['integration', team.integration, 'integration'],
  ];
  actors = Object.fromEntries(entries.map(([name, real, role]) => [name, { model: { name, role }, real }]));
});

/** One call as generated: what to do, and how to pick its stamp and command id when it runs. */
interface CallSpec {
  actor: string;
  action: ModelAction;
  fields: Record<string, unknown>;
  stale: boolean;
  id: { mode: 'none' | 'fresh' | 'replay' | 'reuse'; pick: number };
}

const reason = fc.constantFrom('Totals do not match', 'Wrong vendor', 'Needs a second look');
const snapshot = fc.nat(4).map((n) => ({ vendor: `Vendor ${n}`, total: n * 100 }));

const rarely = (weight: number) => fc.nat(weight).map((n) => n === 0);

const actionFields: fc.Arbitrary<{ action: ModelAction; fields: Record<string, unknown> }> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ action: fc.constant('claim' as const), fields: fc.record({ force: rarely(3) }) }),
  },
  { weight: 2, arbitrary: fc.record({ action: fc.constant('release' as const), fields: fc.constant({}) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      action: fc.constant('versions' as const),
      fields: fc.record({ snapshot, origin: fc.constantFrom('human_edit', 'agent_edit') }),
    }),
  },
  // `to_seq` is drawn against the head at run time; now and then one past it (422).
  {
    weight: 2,
    arbitrary: fc.record({ action: fc.constant('revert' as const), fields: fc.record({ to_seq_pick: fc.nat(20) }) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      action: fc.constant('decision' as const),
      fields: fc.oneof(
        fc.constant({ verdict: 'approved' }),
        fc.record({ verdict: fc.constant('approved'), on_seq_pick: fc.nat(20) }),
        fc.record({ verdict: fc.constant('approved'), edited_output: snapshot }),
        fc.record({ verdict: fc.constant('rejected'), reason }),
      ),
    }),
  },
  { weight: 2, arbitrary: fc.record({ action: fc.constant('reopen' as const), fields: fc.record({ reason }) }) },
);

const callSpec: fc.Arbitrary<CallSpec> = fc
  .record({
    actor: fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom('reviewer', 'reviewer2', 'agent') },
      { weight: 2, arbitrary: fc.constant('lead') },
      { weight: 1, arbitrary: fc.constant('integration') },
    ),
    what: actionFields,
    // One call in six sends a stamp older than the current rev.
    stale: rarely(5),
    id: fc.record({ mode: fc.constantFrom('none', 'fresh', 'fresh', 'replay', 'reuse'), pick: fc.nat(50) }),
  })
  .map(({ actor, what, stale, id }) => ({ actor, ...what, stale, id }) as CallSpec);

interface World {
  state: ModelState;
  /** Every request sent with a command id, for replays and reused ids. */
  sent: ModelRequest[];
  nextId: number;
}

/** Turns a spec into the request it names, now that the state it runs on is known. */
function requestOf(world: World, spec: CallSpec): ModelRequest {
  const { state, sent } = world;
  if (spec.id.mode === 'replay' && sent.length > 0) return sent[spec.id.pick % sent.length]!;
  const actor = actors[spec.actor]!.model;
  const stamp = spec.stale && state.rev > 0 ? spec.id.pick % state.rev : state.rev;
  const body: ModelRequest['body'] = { version_stamp: stamp };
  const { to_seq_pick, on_seq_pick, ...fields } = spec.fields as Record<string, number>;
  Object.assign(body, fields);
  if (to_seq_pick !== undefined) body.to_seq = to_seq_pick % (state.headSeq + 2);
  if (on_seq_pick !== undefined) body.on_seq = on_seq_pick % (state.headSeq + 2);
  const ownIds = sent.filter((request) => request.actor.name === actor.name && request.body.command_id);
  if (spec.id.mode === 'reuse' && ownIds.length > 0) {
    body.command_id = ownIds[spec.id.pick % ownIds.length]!.body.command_id;
  } else if (spec.id.mode !== 'none') {
    world.nextId += 1;
    body.command_id = `cmd-${world.nextId}`;
  }
  return { actor, action: spec.action, body };
}

function nameOfActorId(id: string | undefined): string | null {
  if (id === undefined) return null;
  return Object.values(actors).find((each) => each.real.id === id)?.model.name ?? `unknown ${id}`;
}

/** Why `response` is not the answer `expected` describes, or null when it is. */
function mismatch(request: ModelRequest, expected: Expected, response: ApiResponse): string | null {
  const body = response.body;
  if (response.status !== expected.status) return `status ${response.status}, expected ${expected.status}`;
  if (expected.status !== 200) {
    if (body?.detail?.code !== expected.code) return `code ${body?.detail?.code}, expected ${expected.code}`;
    if (expected.code === 'version_conflict' && body.detail.details.current_rev !== expected.rev) {
      return `current_rev ${body.detail.details.current_rev}, expected ${expected.rev}`;
    }
    if (expected.code === 'claim_held' && nameOfActorId(body.detail.details.holder.id) !== expected.claimHolder) {
      return `claim held by ${nameOfActorId(body.detail.details.holder.id)}, expected ${expected.claimHolder}`;
    }
    return null;
  }
  const overlay = request.action === 'decision' ? body.overlay : body;
  const replayed =
    request.action === 'decision'
      ? body.submission_status !== 'accepted'
      : response.headers.get('idempotent-replayed') === 'true';
  if (replayed !== (expected.replay ?? false)) return `replayed ${replayed}, expected ${expected.replay ?? false}`;
  if (overlay.rev !== expected.rev) return `rev ${overlay.rev}, expected ${expected.rev}`;
  const holder = nameOfActorId(overlay.claim?.holder.id);
  if (holder !== expected.claimHolder) return `claim holder ${holder}, expected ${expected.claimHolder}`;
  return null;
}

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

/**
 * The state after the batch, if some order of its calls explains every answer (the calls ran at
 * once, so any order is allowed); otherwise the test fails with each order's first mismatch.
 */
function linearize(state: ModelState, requests: ModelRequest[], responses: ApiResponse[]): ModelState {
  const failures: string[] = [];
  for (const order of permutations(requests.map((_, i) => i))) {
    let current = state;
    let failure: string | null = null;
    for (const i of order) {
      const [expected, next] = predict(current, requests[i]!);
      const why = mismatch(requests[i]!, expected, responses[i]!);
      if (why) {
        failure = `order ${order.join(',')}: call ${i} ${why}`;
        break;
      }
      current = next;
    }
    if (failure === null) return current;
    failures.push(failure);
  }
  const calls = requests.map(
    (request, i) =>
      `  ${i}: ${request.actor.name} ${request.action} ${JSON.stringify(request.body)} → ${responses[i]!.status} ${JSON.stringify(responses[i]!.body?.detail ?? '')}`,
  );
  throw new Error(
    `no order of the batch explains its answers (model rev ${state.rev}):\n${calls.join('\n')}\n${failures.join('\n')}`,
  );
}

class Batch implements fc.AsyncCommand<World, Review> {
  constructor(
    readonly calls: CallSpec[],
    /** Sends the first call twice at once: two concurrent calls with one command id. */
    readonly twin: boolean,
  ) {}

  check(): boolean {
    return true;
  }

  async run(world: World, review: Review): Promise<void> {
    const requests = this.calls.map((spec) => requestOf(world, spec));
    if (this.twin) requests.push(requests[0]!);
    const responses = await Promise.all(
      requests.map((request) =>
        send('POST', `${review.path}/${request.action}`, {
          key: actors[request.actor.name]!.real.key,
          body: request.body,
        }),
      ),
    );
    world.state = linearize(world.state, requests, responses);
    for (const request of new Set(requests)) if (request.body.command_id) world.sent.push(request);
  }

  toString(): string {
    const calls = this.calls.map((c) => `${c.actor}:${c.action}${c.stale ? '(stale)' : ''}[${c.id.mode}]`);
    return `Batch(${calls.join(' | ')}${this.twin ? ' +twin' : ''})`;
  }
}

const batch = fc
  .record({ calls: fc.array(callSpec, { minLength: 1, maxLength: 3 }), twin: fc.boolean() })
  .map(({ calls, twin }) => new Batch(calls, twin));

/** What the database holds for the overlay must be what the model says happened, and whole. */
async function expectDatabaseMatches(review: Review, state: ModelState): Promise<void> {
  const overlay = await review.read(team.lead);
  expect(overlay.rev).toBe(state.rev);
  expect(overlay.status).toBe(state.status);
  expect(overlay.head_seq).toBe(state.headSeq);
  expectContiguousAudit(overlay);

  expect(overlay.versions.map((v: { seq: number }) => v.seq)).toEqual(
    Array.from({ length: state.headSeq + 1 }, (_, i) => i),
  );
  for (const version of overlay.versions.slice(1)) {
    const expectedParent = version.origin === 'revert' ? version.parent_seq : version.seq - 1;
    expect(version.parent_seq).toBe(expectedParent);
    expect(version.parent_seq).toBeGreaterThanOrEqual(0);
    expect(version.parent_seq).toBeLessThan(version.seq);
  }

  expect(overlay.decisions).toHaveLength(state.decisions);
  const superseded = new Set(overlay.decisions.map((d: any) => d.supersedes_decision_id).filter(Boolean));
  const standing = overlay.decisions.filter((d: any) => !superseded.has(d.decision_id));
  expect(standing.length).toBe(Math.min(state.decisions, 1));
  if (state.status !== 'awaiting_review') expect(standing[0].verdict).toBe(state.status);

  const events = await prisma.$queryRaw<{ event_type: string; decision_id: string | null; deliveries: number }[]>`
    SELECT e.event_type, e.decision_id, count(d.id)::int AS deliveries
      FROM outbox_events e
      JOIN overlays o ON o.id = e.overlay_id
      LEFT JOIN webhook_deliveries d ON d.event_id = e.id
     WHERE o.organization_id = ${team.organizationId}::uuid
       AND o.workflow_run_id = ${review.runId} AND o.block_id = ${review.gate.block_id}
       AND e.event_type IN ('review.decided', 'review.reopened')
     GROUP BY e.id`;
  const decided = events.filter((e) => e.event_type === 'review.decided').map((e) => e.decision_id);
  expect(decided.sort()).toEqual(overlay.decisions.map((d: any) => d.decision_id).sort());
  expect(events.filter((e) => e.event_type === 'review.reopened')).toHaveLength(state.reopens);
  for (const event of events) expect(event.deliveries).toBe(1);
}

it(`matches the contract's model under concurrent random commands (${RUNS} runs, seed ${SEED})`, async () => {
  console.log(`review model: MODEL_SEED=${SEED} MODEL_RUNS=${RUNS} MODEL_COMMANDS=${COMMANDS}`);
  await fc.assert(
    fc.asyncProperty(fc.commands([batch], { maxCommands: COMMANDS, size: 'max' }), async (commands) => {
      const review = await openReview(team);
      const world: World = { state: INITIAL_STATE, sent: [], nextId: 0 };
      await fc.asyncModelRun(() => ({ model: world, real: review }), commands);
      await expectDatabaseMatches(review, world.state);
    }),
    { seed: SEED, numRuns: RUNS },
  );
}, 600_000);
