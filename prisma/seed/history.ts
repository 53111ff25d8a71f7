/**
 * The history a demo gate gets after it opens: claims, edits, reverts, decisions and reopens by
 * the demo's people and agents, drawn from the seeded PRNG and laid out forward in time.
 */
import type { EditOrigin } from '../../lib/domain/enums';
import type { ActorName } from './demo-actors';
import { DAY, type GateSpec, HOUR, type Json, MINUTE, type Workflow } from './gate-builders';
import type { Rng } from './rng';

export type Action =
  /** `until_later` claims are still live when the seed ends; `ttlSeconds` is set once times are final. */
  | { type: 'claim'; ttl: 'short' | 'until_later'; ttlSeconds: number; force: boolean }
  | { type: 'release' }
  | { type: 'edit'; snapshot: Json; note: string; origin: EditOrigin }
  | { type: 'revert'; toSeq: number; note: string }
  | { type: 'approve'; editedOutput?: Json; onSeq?: number; effectiveSeq?: number }
  | { type: 'reject'; reason: string }
  | { type: 'reopen'; reason: string };

export interface Step {
  actor: ActorName;
  at: Date;
  action: Action;
}

export type Fate = 'awaiting' | 'approved' | 'rejected';

/** Builds one gate's history forward in time; `finish` squeezes it in before `limit`. */
export class HistoryBuilder {
  readonly steps: Step[] = [];
  private readonly versions: Json[];
  private cursor: number;

  constructor(
    private readonly rng: Rng,
    private readonly spec: GateSpec,
    private readonly openedAt: number,
  ) {
    this.versions = [spec.output];
    this.cursor = openedAt;
  }

  get headSeq(): number {
    return this.versions.length - 1;
  }

  wait(minMs: number, maxMs: number): this {
    this.cursor += Math.round(this.rng.between(minMs, Math.max(minMs, maxMs)));
    return this;
  }

  /** Moves to `at` if that is later than where the history is now. */
  waitUntil(at: number): this {
    this.cursor = Math.max(this.cursor + 1000, at);
    return this;
  }

  private push(actor: ActorName, action: Action): this {
    this.steps.push({ actor, at: new Date(this.cursor), action });
    return this;
  }

  /** A reviewer's change to the head; an edit that happens to change nothing is tried again. */
  private editedHead(): { snapshot: Json; note: string } {
    const head = this.versions[this.headSeq] as Json;
    for (let attempt = 0; ; attempt++) {
      const snapshot = structuredClone(head);
      const note = this.rng.pick(this.spec.edits)(snapshot, this.rng);
      if (attempt >= 5 || JSON.stringify(snapshot) !== JSON.stringify(head)) return { snapshot, note };
    }
  }

  claim(actor: ActorName, ttl: 'short' | 'until_later', force = false): this {
    return this.push(actor, { type: 'claim', ttl, ttlSeconds: 900, force });
  }

  release(actor: ActorName): this {
    return this.push(actor, { type: 'release' });
  }

  edit(actor: ActorName): this {
    const { snapshot, note } = this.editedHead();
    this.versions.push(snapshot);
    const origin = actor === 'Triage Agent' || actor === 'Workflow Engine' ? 'agent_edit' : 'human_edit';
    return this.push(actor, { type: 'edit', snapshot, note, origin });
  }

  revert(actor: ActorName, toSeq: number, note: string): this {
    this.versions.push(this.versions[toSeq] as Json);
    return this.push(actor, { type: 'revert', toSeq, note });
  }

  approve(actor: ActorName, options: { withEdit?: boolean; effectiveSeq?: number } = {}): this {
    if (options.withEdit) {
      const { snapshot } = this.editedHead();
      this.versions.push(snapshot);
      return this.push(actor, { type: 'approve', editedOutput: snapshot });
    }
    if (options.effectiveSeq !== undefined) {
      return this.push(actor, { type: 'approve', onSeq: this.headSeq, effectiveSeq: options.effectiveSeq });
    }
    return this.push(actor, { type: 'approve' });
  }

  reject(actor: ActorName): this {
    return this.push(actor, { type: 'reject', reason: this.rng.pick(this.spec.rejectReasons) });
  }

  reopen(actor: ActorName, reason: string): this {
    return this.push(actor, { type: 'reopen', reason });
  }

  /** Compresses the history proportionally when it ran past `limit`, keeping its order. */
  finish(limit: number): Step[] {
    const last = this.steps.at(-1);
    if (last && last.at.getTime() > limit) {
      const scale = (limit - this.openedAt) / (last.at.getTime() - this.openedAt);
      let previous = this.openedAt;
      for (const step of this.steps) {
        const at = Math.max(previous + 1000, this.openedAt + Math.round((step.at.getTime() - this.openedAt) * scale));
        step.at = new Date(at);
        previous = at;
      }
    }
    return this.steps;
  }
}

const HUMAN_REVIEWERS: readonly (readonly [ActorName, number])[] = [
  ['Dana Rivera', 5],
  ['Sam Okafor', 5],
  ['Priya Natarajan', 5],
  ['Morgan Lee', 2],
  ['Alex Kim', 0.4],
];

function reviewerFor(rng: Rng, workflow: Workflow): ActorName {
  // The triage agent is a reviewer like the others, trusted mostly with support tickets.
  const agentWeight = workflow.id === 'support-triage' ? 6 : 0.6;
  return rng.weighted([...HUMAN_REVIEWERS, ['Triage Agent', agentWeight]]);
}

const REOPEN_REASONS: Record<Exclude<Fate, 'awaiting'>, string[]> = {
  approved: [
    'Spot check found a mistake in the approved output.',
    'Approved on the wrong version. Reopening to approve the corrected one.',
    'New evidence came in after the decision.',
  ],
  rejected: [
    'Customer disputed the rejection; taking another look.',
    'The missing document arrived after the rejection.',
    'New evidence came in after the decision.',
  ],
};

/** The history of a gate that is still waiting, ending before `now`. */
export function awaitingHistory(rng: Rng, b: HistoryBuilder, workflow: Workflow, openedAt: number, now: number): void {
  const age = now - openedAt;
  const reviewer = reviewerFor(rng, workflow);
  const recent = (minutesAgoMax: number) => b.waitUntil(now - rng.between(1, minutesAgoMax) * MINUTE);
  const kind = rng.weighted([
    ['untouched', 38],
    ['claimed', 14],
    ['claimed_and_edited', 8],
    ['expired_claim', age > 45 * MINUTE ? 11 : 0],
    ['edited', 12],
    ['reverted', 5],
    ['released', 3],
    ['taken_over', 2],
    ['agent_suggestion', 3],
  ]);
  switch (kind) {
    case 'untouched':
      return;
    case 'claimed':
      recent(55).claim(reviewer, 'until_later');
      if (rng.chance(0.25)) b.wait(5 * MINUTE, 15 * MINUTE).claim(reviewer, 'until_later');
      return;
    case 'claimed_and_edited': {
      recent(50).claim(reviewer, 'until_later');
      for (let i = rng.int(1, 3); i > 0; i--) b.wait(MINUTE, 6 * MINUTE).edit(reviewer);
      return;
    }
    case 'expired_claim':
      b.wait(2 * MINUTE, age - 35 * MINUTE).claim(reviewer, 'short');
      if (rng.chance(0.4)) b.wait(MINUTE, 8 * MINUTE).edit(reviewer);
      return;
    case 'edited':
      b.wait(2 * MINUTE, age * 0.7);
      for (let i = rng.int(1, 3); i > 0; i--)
        b.wait(30_000, 5 * MINUTE).edit(rng.chance(0.8) ? reviewer : reviewerFor(rng, workflow));
      return;
    case 'reverted': {
      b.wait(2 * MINUTE, age * 0.6).edit(reviewer);
      if (rng.chance(0.5)) b.wait(MINUTE, 5 * MINUTE).edit(reviewer);
      b.wait(MINUTE, 20 * MINUTE).revert(
        rng.chance(0.7) ? reviewer : 'Morgan Lee',
        0,
        'The model had it right: reverting to the original output.',
      );
      return;
    }
    case 'released':
      b.wait(2 * MINUTE, age * 0.8)
        .claim(reviewer, 'short')
        .wait(MINUTE, 10 * MINUTE)
        .release(reviewer);
      return;
    case 'taken_over': {
      const holder = reviewer === 'Morgan Lee' ? 'Sam Okafor' : reviewer;
      recent(50)
        .claim(holder, 'until_later')
        .wait(5 * MINUTE, 20 * MINUTE)
        .claim('Morgan Lee', 'until_later', true);
      return;
    }
    case 'agent_suggestion':
      b.wait(MINUTE, 10 * MINUTE).edit('Workflow Engine');
      if (rng.chance(0.5)) recent(40).claim(reviewer, 'until_later');
      return;
  }
}

/** The history of a gate decided (and perhaps reopened and decided again) before `now`. */
export function decidedHistory(
  rng: Rng,
  b: HistoryBuilder,
  workflow: Workflow,
  fate: Exclude<Fate, 'awaiting'>,
  openedAt: number,
  now: number,
  reopenAs: 'decided' | 'awaiting' | null,
): void {
  const age = now - openedAt;
  const reviewer = reviewerFor(rng, workflow);
  b.wait(3 * MINUTE, Math.min(18 * HOUR, age * 0.5));
  if (rng.chance(0.35)) b.claim(reviewer, 'short').wait(30_000, 4 * MINUTE);

  if (fate === 'rejected') {
    if (rng.chance(0.2)) b.edit(reviewer).wait(MINUTE, 5 * MINUTE);
    b.reject(reviewer);
  } else {
    const style = rng.weighted([
      ['plain', 45],
      ['with_edit', 22],
      ['edits_then_head', 14],
      ['earlier_version', 8],
      ['reverted_then_head', 5],
    ]);
    if (style === 'plain') b.approve(reviewer);
    if (style === 'with_edit') b.approve(reviewer, { withEdit: true });
    if (style === 'edits_then_head' || style === 'earlier_version' || style === 'reverted_then_head') {
      for (let i = rng.int(1, 2); i > 0; i--)
        b.edit(rng.chance(0.85) ? reviewer : 'Workflow Engine').wait(30_000, 4 * MINUTE);
      if (style === 'reverted_then_head')
        b.revert(reviewer, 0, 'Edits were wrong; back to the model output.').wait(30_000, 3 * MINUTE);
      if (style === 'earlier_version') b.approve(reviewer, { effectiveSeq: rng.int(0, b.headSeq - 1) });
      else b.approve(reviewer);
    }
  }
  if (!reopenAs) return;
  b.wait(2 * HOUR, Math.min(2 * DAY, age * 0.3)).reopen('Morgan Lee', rng.pick(REOPEN_REASONS[fate]));
  if (reopenAs === 'awaiting') return;
  const second = rng.pick(['Morgan Lee', 'Priya Natarajan', 'Dana Rivera'] as const);
  b.wait(10 * MINUTE, 4 * HOUR);
  if (rng.chance(0.5)) b.edit(second).wait(MINUTE, 5 * MINUTE);
  if (rng.chance(0.75)) b.approve(second);
  else b.reject(second);
}
