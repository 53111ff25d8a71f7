/**
 * `npm run bench:delivery [-- --base http://localhost:3000 --count 200]`: the time from a
 * decision's commit to a receiver's 2xx, against a running app (the demo's keys by default).
 *
 * It starts a receiver on a free local port, adds an endpoint for `review.decided` events with
 * the admin key (the app must allow private URLs: `npm run dev` and the demo do), then opens and
 * approves `count` reviews one after another. Each latency is the receiver's clock when it
 * answers 2xx minus the event's `timestamp`, which is the decision's `decided_at`, written by
 * the statement that commits the decision. One machine, one clock. The endpoint is deleted at
 * the end.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { Webhook } from 'standardwebhooks';

const { values } = parseArgs({
  options: {
    base: { type: 'string', default: `http://localhost:${process.env.PORT ?? 3000}` },
    count: { type: 'string', default: '200' },
    'admin-key': { type: 'string', default: 'rik_demo_admin' },
    'integration-key': { type: 'string', default: 'rik_demo_integration' },
    'reviewer-key': { type: 'string', default: 'rik_demo_reviewer' },
  },
});
const count = Number(values.count);

async function call<T>(method: string, path: string, key: string, body?: unknown): Promise<T> {
  const response = await fetch(`${values.base}${path}`, {
    method,
    headers: { 'api-key': key, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

/** Latencies by decision id, filled in as the deliveries arrive. */
const latencies = new Map<string, number>();
let webhook: Webhook | null = null;
const receiver = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    try {
      const event = webhook?.verify(body, request.headers as Record<string, string>) as {
        timestamp: string;
        data: { decision_id: string };
      };
      response.writeHead(204).end();
      latencies.set(event.data.decision_id, Date.now() - Date.parse(event.timestamp));
    } catch {
      response.writeHead(400).end();
    }
  });
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const { port } = receiver.address() as AddressInfo;

const endpoint = await call<{ id: string; secret: string }>('POST', '/v1/webhook-endpoints', values['admin-key'], {
  url: `http://127.0.0.1:${port}/bench`,
  event_types: ['review.decided'],
  description: 'npm run bench:delivery (deleted when it ends)',
});
webhook = new Webhook(endpoint.secret);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

try {
  const prefix = `bench-${Date.now()}`;
  const decisions: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const runId = `${prefix}-${i}`;
    await call('POST', '/v1/workflows/reviews', values['integration-key'], {
      workflow_id: 'delivery-bench',
      workflow_version_id: 'v1',
      workflow_run_id: runId,
      block_id: 'extract',
      block_type: 'extract',
      model_output: { total: i },
      model: { id: 'bench-model', display_name: 'Bench model' },
    });
    const decided = await call<{ overlay: { decisions: { decision_id: string }[] } }>(
      'POST',
      `/v1/workflows/reviews/${runId}/extract/decision`,
      values['reviewer-key'],
      { verdict: 'approved', version_stamp: 0 },
    );
    const decision = decided.overlay.decisions.at(-1);
    if (decision) decisions.push(decision.decision_id);
  }
  const deadline = Date.now() + 30_000;
  while (decisions.some((id) => !latencies.has(id)) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const measured = decisions.flatMap((id) => latencies.get(id) ?? []).sort((a, b) => a - b);
  console.log(`Delivery latency, decision commit (decided_at) → receiver's 2xx, ${values.base}`);
  console.log(`  decisions: ${decisions.length}, delivered within 30 s: ${measured.length}`);
  console.log(
    `  p50: ${percentile(measured, 50)} ms   p99: ${percentile(measured, 99)} ms   max: ${measured.at(-1)} ms`,
  );
} finally {
  await call('DELETE', `/v1/webhook-endpoints/${endpoint.id}`, values['admin-key']);
  receiver.close();
}
