/**
 * PostgreSQL stopped, starting up after a crash, or frozen (SIGSTOP, as a hung host or a network
 * partition looks): every request answers 503 `unavailable` with Retry-After, never a 500 and
 * never a hang, and the app serves again as soon as the database is back. Runs the real route
 * handlers against a cluster of this file's own, never the shared test cluster.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse, callRoute } from '../api-client';
import { createTeam, gateBody, type TestTeam } from '../fixtures';
import { expectError, REVIEWS, send } from '../review-helpers';
import { pointAppAt, ThrowawayCluster } from '../throwaway-cluster';

let cluster: ThrowawayCluster;
let restoreApp: (() => Promise<void>) | undefined;
let team: TestTeam;

beforeAll(async () => {
  cluster = await ThrowawayCluster.create();
  await cluster.start();
  restoreApp = await pointAppAt(cluster.url);
  team = await createTeam('outage');
}, 120_000);

afterAll(async () => {
  await restoreApp?.();
  await cluster?.destroy();
}, 60_000);

afterEach(async () => {
  // Each test leaves the server up and serving, whatever it did to it.
  await cluster.stop();
  await cluster.start();
});

function expectUnavailable(response: ApiResponse): void {
  expectError(response, 503, 'unavailable');
  expect(response.headers.get('retry-after')).toBe('5');
  expect(JSON.stringify(response.body)).not.toMatch(/57P0|ECONN|timeout|\.ts:\d+/i);
}

/** A read and a write, as two different callers make them. */
async function expectEveryCallUnavailable(): Promise<void> {
  expectUnavailable(await send('GET', REVIEWS, { key: team.reviewer.key }));
  expectUnavailable(await send('POST', REVIEWS, { key: team.integration.key, body: gateBody() }));
  expectUnavailable(await send('GET', '/v1/events', { key: team.reviewer.key }));
}

async function expectServing(): Promise<void> {
  const opened = await send('POST', REVIEWS, { key: team.integration.key, body: gateBody() });
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  const listed = await send('GET', REVIEWS, { key: team.reviewer.key });
  expect(listed.status).toBe(200);
}

/** An open `GET /v1/events`, read until `ready`; `ended` resolves when the server closes it. */
async function openEvents(): Promise<{ ended: Promise<void>; abort: () => void }> {
  const controller = new AbortController();
  const response = await callRoute('GET', '/v1/events', { key: team.reviewer.key, signal: controller.signal });
  expect(response.status).toBe(200);
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let seen = '';
  while (!seen.includes('event: ready')) {
    const { done, value } = await reader.read();
    if (done) throw new Error('the stream ended before ready');
    seen += value;
  }
  const ended = (async () => {
    for (;;) if ((await reader.read()).done) return;
  })();
  return { ended, abort: () => controller.abort() };
}

describe('the database is down', () => {
  it('a stopped server: 503 with Retry-After, then serving again once it is back', async () => {
    await expectServing();
    await cluster.stop();
    await expectEveryCallUnavailable();
    await cluster.start();
    await expectServing();
  });

  it('a server starting up (57P03 cannot_connect_now): 503, then serving once it is ready', async () => {
    await cluster.stop();
    await cluster.startStartingUp();
    expect(await cluster.connectError()).toBe('57P03');
    await expectEveryCallUnavailable();
    await cluster.stop();
    await cluster.start();
    await expectServing();
  });

  it('a frozen server (SIGSTOP): 503 instead of a hang, then serving once it resumes', async () => {
    await expectServing();
    cluster.freeze();
    await expectEveryCallUnavailable();
    cluster.resume();
    await expectServing();
  });
});

describe('the live events stream', () => {
  it('ends when the server freezes under it, and opens again once the server is back', async () => {
    const stream = await openEvents();
    cluster.freeze();
    await stream.ended;
    cluster.resume();
    const again = await openEvents();
    again.abort();
  });

  it('ends when the server stops under it, is refused with 503 while down, and opens again after', async () => {
    const stream = await openEvents();
    await cluster.stop();
    await stream.ended;
    expectUnavailable(await send('GET', '/v1/events', { key: team.reviewer.key }));
    await cluster.start();
    const again = await openEvents();
    again.abort();
  });
});
