/**
 * `GET /v1/workflows/runs/{run_id}?wait_seconds=N`, for pipelines that cannot receive webhooks:
 * the run as soon as it is no longer awaiting review, or as it is after N seconds. The wait holds
 * no database connection: the process's LISTEN connection says when one of the run's gates
 * changed, and only then is the run read again.
 */

import type { Caller } from '../auth/authorization';
import { type ReviewChange, subscribeToReviewChanges } from '../events/review-changes';
import type { RunParams, RunQuery, RunStatus } from './schemas';
import { getRun } from './service';

/** The request's signal ends the wait early when the client goes away. */
export async function waitForRun(
  caller: Caller,
  params: RunParams,
  { wait_seconds: waitSeconds }: RunQuery,
  { signal }: Pick<Request, 'signal'>,
): Promise<RunStatus> {
  const { runId } = params;
  if (waitSeconds <= 0) return getRun(caller, params);
  const deadline = Date.now() + waitSeconds * 1000;
  let changed = false;
  let lost = false;
  let wake = () => {};
  const subscriber = {
    onChange(change: ReviewChange) {
      if (change.organization_id !== caller.organizationId || change.workflow_run_id !== runId) return;
      changed = true;
      wake();
    },
    // A change may have been missed: read again, and listen on a new connection.
    onLost() {
      changed = true;
      lost = true;
      wake();
    },
  };
  // Subscribed before the first read, so a change committed after that read cannot be missed.
  let unsubscribe = await subscribeToReviewChanges(subscriber);
  try {
    for (;;) {
      changed = false;
      const run = await getRun(caller, params);
      const remaining = deadline - Date.now();
      if (run.status !== 'awaiting_review' || remaining <= 0 || signal.aborted) return run;
      if (!changed) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, remaining);
          const done = () => {
            clearTimeout(timer);
            signal.removeEventListener('abort', done);
            resolve();
          };
          wake = done;
          signal.addEventListener('abort', done, { once: true });
        });
        wake = () => {};
      }
      if (lost) {
        lost = false;
        unsubscribe();
        unsubscribe = await subscribeToReviewChanges(subscriber);
      }
    }
  } finally {
    unsubscribe();
  }
}
