/**
 * What the benchmark sends. Every POST carries a fresh `command_id` and the overlay's current
 * stamp, tracked from the answers, so that a success scenario measures successes only.
 */
import type autocannon from 'autocannon';
import { REVIEWER_KEY } from './dataset';

/** An overlay the scenarios write to, with the `rev` it is at as far as the benchmark knows. */
export interface Target {
  runId: string;
  blockId: string;
  rev: number;
}

export const overlayPath = (target: Target) => `/v1/workflows/reviews/${target.runId}/${target.blockId}`;

/** Hands out targets in turn, so that concurrent connections never share one. */
export class TargetPool {
  private index = 0;
  constructor(private readonly targets: Target[]) {
    if (targets.length === 0) throw new Error('a scenario needs at least one target overlay');
  }
  next(): Target {
    const target = this.targets[this.index % this.targets.length]!;
    this.index += 1;
    return target;
  }
}

export interface HttpScenario {
  name: string;
  connections: number;
  /** Every answer should have this status; others are reported as unexpected. */
  expectedStatus: number;
  requests: autocannon.Request[];
}

const HEADERS = { 'api-key': REVIEWER_KEY, 'content-type': 'application/json' };
let commandCounter = 0;
const runTag = Date.now().toString(36);
export function nextCommandId(): string {
  commandCounter += 1;
  return `bench-${runTag}-${commandCounter}`;
}

/** A corrected extraction, as a reviewer's edit sends it (~350 bytes). */
export function snapshotFor(n: number): Record<string, unknown> {
  return {
    vendor: `Vendor ${n % 5000}`,
    invoice_number: `INV-${n}`,
    issued_on: '2026-03-14',
    currency: 'EUR',
    total: 1200.5 + (n % 1000),
    lines: [
      { sku: 'A-12', description: 'Consulting hours', qty: 8, price: 120.5 },
      { sku: 'B-7', description: 'Travel expenses', qty: 1, price: 236.5 },
    ],
    notes: 'corrected total',
  };
}

/** A success moved the overlay one rev on; a 409 tells the rev it is at (a write lost at the end of a round). */
export function learnRev(target: Target, status: number, body: string) {
  if (status === 200) {
    target.rev += 1;
  } else if (status === 409) {
    const current = (JSON.parse(body) as { detail?: { details?: { current_rev?: unknown } } }).detail?.details
      ?.current_rev;
    if (typeof current === 'number') target.rev = current;
  }
}

type Context = { target?: Target };

interface WriteSpec {
  name: string;
  pool: TargetPool;
  connections: number;
  action: 'versions' | 'decision';
  expectedStatus: number;
  body: (target: Target) => Record<string, unknown>;
}

function writeScenario({ name, pool, connections, action, expectedStatus, body }: WriteSpec): HttpScenario {
  const request = {
    method: 'POST',
    headers: HEADERS,
    setupRequest: (defaults: autocannon.Request, context: Context) => {
      const target = pool.next();
      context.target = target;
      return { ...defaults, path: `${overlayPath(target)}/${action}`, body: JSON.stringify(body(target)) };
    },
    onResponse: (status: number, answer: string, context: Context) => {
      if (context.target) learnRev(context.target, status, answer);
    },
  };
  return { name, connections, expectedStatus, requests: [request as autocannon.Request] };
}

export function appendScenario(name: string, pool: TargetPool, connections: number): HttpScenario {
  return writeScenario({
    name,
    pool,
    connections,
    action: 'versions',
    expectedStatus: 200,
    body: (target) => ({ version_stamp: target.rev, snapshot: snapshotFor(target.rev), command_id: nextCommandId() }),
  });
}

/** Writes with a stamp one behind: the 409 path, on overlays that are at rev 1 or later. */
export function staleAppendScenario(name: string, pool: TargetPool, connections: number): HttpScenario {
  return writeScenario({
    name,
    pool,
    connections,
    action: 'versions',
    expectedStatus: 409,
    body: (target) => ({
      version_stamp: target.rev - 1,
      snapshot: snapshotFor(target.rev),
      command_id: nextCommandId(),
    }),
  });
}

/** Approves awaiting overlays, each once: the pool must hold more than the rounds approve. */
export function decisionScenario(name: string, pool: TargetPool, connections: number): HttpScenario {
  return writeScenario({
    name,
    pool,
    connections,
    action: 'decision',
    expectedStatus: 200,
    body: (target) => ({ verdict: 'approved', version_stamp: target.rev, command_id: nextCommandId() }),
  });
}

export function readScenario(name: string, paths: string[], connections: number, key = REVIEWER_KEY): HttpScenario {
  let index = 0;
  return {
    name,
    connections,
    expectedStatus: 200,
    requests: [
      {
        method: 'GET',
        headers: { ...HEADERS, 'api-key': key },
        setupRequest: (request: autocannon.Request) => ({ ...request, path: paths[index++ % paths.length] }),
      } as autocannon.Request,
    ],
  };
}

/** The floor: a route handler that does no I/O, on the same server. */
export function floorScenario(connections: number): HttpScenario {
  return {
    name: 'GET /v1/health (no I/O)',
    connections,
    expectedStatus: 200,
    requests: [{ method: 'GET', path: '/v1/health' }],
  };
}
