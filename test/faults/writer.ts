/**
 * A client that streams writes at the app over real HTTP, as a careful API client would: each
 * write has a command_id of its own and is retried, with the same id and body, on a connection
 * error or a 503 until the app acknowledges it. It records what a client must never see.
 */
import { gateBody, type TestTeam } from '../fixtures';

/** Longer than any answer the app may take (its database timeouts are 3–5 s): a hang, not a wait. */
export const HANG_MS = 10_000;
/** Versions per overlay before the writer opens another gate: far below the history's cap. */
const WRITES_PER_REVIEW = 40;

export interface Acknowledged {
  commandId: string;
  path: string;
  rev: number;
}

interface Attempt {
  status: number | 'connection_error';
  ms: number;
  /** Sent or failed while the app process was dead or starting. */
  appDown: boolean;
  phase: string;
}

export class Writer {
  readonly acknowledged: Acknowledged[] = [];
  readonly attempts: Attempt[] = [];
  /** Answers no client may get: anything but a 2xx, a 503 with Retry-After, or (app down) no connection. */
  readonly violations: string[] = [];
  /** Set while the app process is dead: only then is a failed connection expected. */
  appDown = false;
  /** What is being done to the app or its database now, for the report. */
  phase = 'serving';
  private stopped = false;
  private done: Promise<void> | null = null;

  constructor(
    private readonly baseUrl: string,
    private readonly team: TestTeam,
  ) {}

  start(): void {
    this.done = this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.done;
  }

  /** Resolves once `count` more writes than now are acknowledged. */
  async progress(count = 3, timeoutMs = 60_000): Promise<void> {
    const target = this.acknowledged.length + count;
    const deadline = Date.now() + timeoutMs;
    while (this.acknowledged.length < target) {
      if (Date.now() > deadline) throw new Error(`the writer made no progress: ${this.violations.join('; ')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** The slowest answer, error or not, of an app that was up, in each phase. */
  slowestByPhase(): Record<string, number> {
    const slowest: Record<string, number> = {};
    for (const { phase, ms, appDown } of this.attempts) {
      if (!appDown) slowest[phase] = Math.max(slowest[phase] ?? 0, ms);
    }
    return slowest;
  }

  count(status: Attempt['status']): number {
    return this.attempts.filter((attempt) => attempt.status === status).length;
  }

  private async loop(): Promise<void> {
    let sequence = 0;
    while (!this.stopped) {
      const gate = gateBody({ workflow_id: 'faults' });
      const path = `/v1/workflows/reviews/${gate.workflow_run_id}/${gate.block_id}`;
      const opened = await this.deliver('/v1/workflows/reviews', this.team.integration.key, gate);
      if (opened === null) return;
      let rev = opened.rev as number;
      for (let i = 0; i < WRITES_PER_REVIEW && !this.stopped; i++) {
        sequence += 1;
        const commandId = `write-${sequence}`;
        const body = { version_stamp: rev, command_id: commandId, snapshot: { marker: commandId } };
        const answer = await this.deliver(`${path}/versions`, this.team.reviewer.key, body);
        if (answer === null) return;
        rev = answer.rev;
        this.acknowledged.push({ commandId, path, rev });
      }
    }
  }

  /** POSTs until a 2xx; null when stopped first. */
  private async deliver(path: string, key: string, body: unknown): Promise<any | null> {
    while (!this.stopped) {
      const started = Date.now();
      // A server that is still starting may take a connection and answer it only once it serves.
      const sentWhileDown = this.appDown;
      const phase = this.phase;
      try {
        const response = await fetch(`${this.baseUrl}${path}`, {
          method: 'POST',
          headers: { 'api-key': key, 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(HANG_MS),
        });
        const text = await response.text();
        this.attempts.push({ status: response.status, ms: Date.now() - started, appDown: sentWhileDown, phase });
        if (response.ok) return JSON.parse(text);
        if (response.status !== 503 || !response.headers.get('retry-after')) {
          this.violations.push(`${path}: ${response.status} ${text.slice(0, 300)}`);
        }
      } catch (error) {
        const appDown = sentWhileDown || this.appDown;
        this.attempts.push({ status: 'connection_error', ms: Date.now() - started, appDown, phase });
        const name = (error as Error).name;
        if (!appDown) {
          this.violations.push(
            name === 'TimeoutError'
              ? `${path}: no answer within ${HANG_MS} ms`
              : `${path}: ${(error as Error).message} while the app was up`,
          );
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return null;
  }
}
