/** Writes a planned run through lib/reviews/service.ts, each step with its own clock. */
import type { ActorRecord } from '../../lib/admin/actors';
import type { Caller } from '../../lib/auth/authorization';
import { appendVersion, claim, decide, openGate, release, reopen, revert } from '../../lib/reviews/service';
import type { ActorName } from './demo-actors';
import type { Step } from './history';
import type { RunPlan } from './plan-queue';

export function callerOf(actor: ActorRecord): Caller {
  if (actor.role === null) throw new Error(`${actor.displayName} has no role`);
  return {
    pk: actor.pk,
    organizationId: actor.organizationId,
    kind: actor.kind,
    id: actor.publicId,
    display_name: actor.displayName,
    role: actor.role,
  };
}

export async function mapWithConcurrency<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let index = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && index < items.length) {
      const item = items[index++] as T;
      try {
        await work(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

async function applyStep(
  callers: Record<ActorName, Caller>,
  key: { runId: string; blockId: string },
  step: Step,
  rev: number,
): Promise<number> {
  const caller = callers[step.actor];
  const clock = () => step.at;
  const action = step.action;
  switch (action.type) {
    case 'claim':
      return (
        await claim(caller, key, { version_stamp: rev, ttl_seconds: action.ttlSeconds, force: action.force }, clock)
      ).overlay.rev;
    case 'release':
      return (await release(caller, key, { version_stamp: rev }, clock)).overlay.rev;
    case 'edit':
      return (
        await appendVersion(
          caller,
          key,
          { snapshot: action.snapshot, version_stamp: rev, origin: action.origin, note: action.note },
          clock,
        )
      ).overlay.rev;
    case 'revert':
      return (await revert(caller, key, { to_seq: action.toSeq, version_stamp: rev, note: action.note }, clock)).overlay
        .rev;
    case 'approve':
      return (
        await decide(
          caller,
          key,
          {
            verdict: 'approved',
            version_stamp: rev,
            edited_output: action.editedOutput,
            on_seq: action.onSeq,
            effective_seq: action.effectiveSeq,
          },
          clock,
        )
      ).overlay.rev;
    case 'reject':
      return (await decide(caller, key, { verdict: 'rejected', version_stamp: rev, reason: action.reason }, clock))
        .overlay.rev;
    case 'reopen':
      return (await reopen(caller, key, { version_stamp: rev, reason: action.reason }, clock)).overlay.rev;
  }
}

export async function writeRun(run: RunPlan, engine: Caller, callers: Record<ActorName, Caller>): Promise<void> {
  for (const gate of run.gates) {
    const key = { runId: run.runId, blockId: gate.spec.blockId };
    const opened = await openGate(
      engine,
      {
        workflow_id: run.workflow.id,
        workflow_version_id: run.versionId,
        workflow_run_id: run.runId,
        block_id: gate.spec.blockId,
        block_type: gate.spec.blockType,
        model_output: gate.spec.output,
        model: run.workflow.model,
        priority: gate.priority,
        triggered_by: gate.spec.triggeredBy ?? { kind: 'always' },
      },
      () => gate.openedAt,
    );
    let rev = opened.overlay.rev;
    for (const step of gate.steps) rev = await applyStep(callers, key, step, rev);
  }
}
