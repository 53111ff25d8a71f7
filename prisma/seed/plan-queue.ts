/** The demo queue as a plan: which runs, which gates, and the history each gate will get. */
import { DAY, type GateSpec, HOUR, MINUTE, type Workflow } from './gate-builders';
import { awaitingHistory, decidedHistory, type Fate, HistoryBuilder, type Step } from './history';
import { createRng, type Rng } from './rng';
import { WORKFLOWS } from './workflows';

export interface GatePlan {
  spec: GateSpec;
  priority: number;
  openedAt: Date;
  steps: Step[];
}

export interface RunPlan {
  workflow: Workflow;
  runId: string;
  versionId: string;
  gates: GatePlan[];
}

/** How a plan draws its runs: their fates, and how long ago a run of each fate opened. */
export interface PlanProfile {
  fates: readonly (readonly [Fate, number])[];
  openedAt: (rng: Rng, fate: Fate, now: number) => number;
}

/** Gate age: the queue should hold fresh items and a long tail of old ones. */
function openedAtFor(rng: Rng, fate: Fate, now: number): number {
  const age =
    fate === 'awaiting'
      ? rng.weighted([
          [() => rng.between(3 * MINUTE, HOUR), 22],
          [() => rng.between(HOUR, 8 * HOUR), 30],
          [() => rng.between(8 * HOUR, 3 * DAY), 28],
          [() => rng.between(3 * DAY, 10 * DAY), 20],
        ])()
      : rng.between(2 * HOUR, 10 * DAY);
  return now - Math.round(age);
}

function priorityFor(rng: Rng): number {
  return rng.weighted([
    [0, 74],
    [1, 10],
    [2, 7],
    [3, 5],
    [10, 3],
  ]);
}

/** The inbox: two thirds awaiting review, the rest decided over the last ten days. */
export const QUEUE_PROFILE: PlanProfile = {
  fates: [
    ['awaiting', 66],
    ['approved', 19],
    ['rejected', 15],
  ],
  openedAt: openedAtFor,
};

/** A month of work already done, for the dashboard: decisions spread over the last 30 days. */
export const HISTORY_PROFILE: PlanProfile = {
  fates: [
    ['approved', 82],
    ['rejected', 18],
  ],
  openedAt: (rng, _fate, now) => now - Math.round(rng.between(3 * HOUR, 30 * DAY)),
};

/** A claim meant to be live when the seed ends lasts 30 minutes to 4 hours past `now`. */
function liveClaimTtl(rng: Rng, claimedAt: number, now: number): number {
  const untilNow = Math.ceil((now - claimedAt) / 1000);
  return Math.min(86_400, Math.max(30, untilNow + Math.round(rng.between(30 * 60, 4 * 3600))));
}

/** Every run and gate of the demo queue, with the history each gate will get. */
export function planQueue(seed: number, now: number, total: number, profile = QUEUE_PROFILE): RunPlan[] {
  const rng = createRng(seed);
  const runIds = new Set<string>();
  const runs: RunPlan[] = [];
  let overlays = 0;
  // Reopened reviews are rare in real queues: a few, spread through the plan.
  const reopens: ('decided' | 'awaiting')[] = ['decided', 'decided', 'decided', 'awaiting'];

  while (overlays < total) {
    const workflow = rng.weighted(WORKFLOWS.map((w) => [w, w.weight] as const));
    const fate = rng.weighted<Fate>(profile.fates);
    const openedAt = profile.openedAt(rng, fate, now);
    let runId: string;
    do runId = `run_${rng.id(12)}`;
    while (runIds.has(runId));
    runIds.add(runId);

    const specs = workflow.gates(rng, new Date(openedAt)).slice(0, Math.min(3, total - overlays));
    const rejectedIndex = fate === 'rejected' ? rng.int(0, specs.length - 1) : -1;
    const gates = specs.map((spec, index): GatePlan => {
      const gateOpenedAt = openedAt + index * rng.int(200, 2500);
      const b = new HistoryBuilder(rng, spec, gateOpenedAt);
      // In a waiting run some gates may already be through; a rejected gate cancels the run,
      // and its sibling gates were approved before that.
      const gateFate: Fate =
        fate === 'awaiting'
          ? index > 0 && rng.chance(0.25)
            ? 'approved'
            : 'awaiting'
          : index === rejectedIndex
            ? 'rejected'
            : 'approved';
      const age = now - gateOpenedAt;
      const reopenAs = gateFate !== 'awaiting' && age > 3 * DAY && rng.chance(0.08) ? (reopens.shift() ?? null) : null;
      if (gateFate === 'awaiting') awaitingHistory(rng, b, workflow, gateOpenedAt, now);
      else decidedHistory(rng, b, workflow, gateFate, gateOpenedAt, now, reopenAs);
      const steps = b.finish(now - MINUTE);
      for (const step of steps) {
        if (step.action.type === 'claim' && step.action.ttl === 'until_later') {
          step.action.ttlSeconds = liveClaimTtl(rng, step.at.getTime(), now);
        }
      }
      return { spec, priority: priorityFor(rng), openedAt: new Date(gateOpenedAt), steps };
    });
    runs.push({
      workflow,
      runId,
      versionId: rng.chance(0.85) ? workflow.versionIds[0] : workflow.versionIds[1],
      gates,
    });
    overlays += gates.length;
  }
  return runs;
}
