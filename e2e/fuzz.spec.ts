/**
 * Fuzzing the production server from its own OpenAPI document (issue 12): requests generated
 * with fast-check for every route and method, sent over a bare socket as authenticated people of
 * every role, as another organization and as nobody. Every answer must be in the contract (see
 * fuzz/oracle.ts), and a refused request must leave the database byte for byte as it was.
 *
 * `npm test` runs a short form; `npm run test:fuzz` the long one (FUZZ_RUNS, default 20,000).
 * Each run prints its seed: `FUZZ_SEED=<seed> npm run test:fuzz` replays it.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import fc from 'fast-check';
import type { OpenApiDocument } from '../lib/openapi/document';
import { MAX_RUN_WAIT_SECONDS } from '../lib/reviews/schemas';
import { describeRequest, type FuzzContext, fuzzRequests } from './fuzz/arbitraries';
import { watchTables } from './fuzz/db-checksum';
import { operationsOf } from './fuzz/operations';
import { problemsWith } from './fuzz/oracle';
import { sendRaw } from './fuzz/raw-http';
import { connect, createTenant } from './fuzz/tenants';
import { serverState } from './server-state';

const SHORT_RUNS = 150;
// How often every table is checksummed, to prove that no write slipped past the change triggers.
const FULL_CHECK_EVERY = 1000;
// A run's answer may rightly wait as long as `wait_seconds` says (the long poll), and then some.
const ANSWER_TIMEOUT_MS = (MAX_RUN_WAIT_SECONDS + 15) * 1000;
const runs = Number(process.env.FUZZ_RUNS ?? SHORT_RUNS);
const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));

test('the API answers every generated request within the contract, changing nothing when it refuses', async ({
  baseURL,
}) => {
  // Well under a second a request even on a loaded machine; the long form must not be cut short.
  test.setTimeout(120_000 + runs * 1000);
  console.log(
    `fuzz: ${runs} requests, seed ${seed}; replay with FUZZ_SEED=${seed} FUZZ_RUNS=${runs} npm run test:fuzz`,
  );
  const base = new URL(baseURL ?? '');
  const db = await connect(serverState().databaseUrl);
  try {
    const document = (await (await fetch(new URL('/v1/openapi.json', base))).json()) as OpenApiDocument;
    const suffix = `${Date.now().toString(36)}`;
    const context: FuzzContext = {
      document,
      operations: operationsOf(document),
      tenant: await createTenant(db, base, document, `fuzz-a-${suffix}`),
      other: await createTenant(db, base, document, `fuzz-b-${suffix}`),
      origin: base.origin,
    };
    const watch = await watchTables(db);
    try {
      const counts = new Map<number, number>();
      const spent = { requests: 0, checks: 0 };
      let sentCount = 0;
      const details = await fc.check(
        fc.asyncProperty(fuzzRequests(context), async (fuzzed) => {
          const sent = performance.now();
          const response = await sendRaw(base, fuzzed.request, ANSWER_TIMEOUT_MS).catch((error: unknown) => {
            throw new Error(
              `${error instanceof Error ? error.message : error}\n--- request\n${describeRequest(fuzzed)}`,
            );
          });
          const answered = performance.now();
          counts.set(response.status, (counts.get(response.status) ?? 0) + 1);
          const problems = problemsWith(fuzzed, response);
          spent.requests += answered - sent;
          sentCount += 1;
          // Every request is checked, reads too: a refused GET must not write either.
          const { changed, unnoticed } = await watch.check({ full: sentCount % FULL_CHECK_EVERY === 0 });
          spent.checks += performance.now() - answered;
          if (unnoticed.length > 0) problems.push(`${unnoticed.join(', ')} changed without firing the change trigger`);
          if (response.status >= 400 && response.status < 500 && changed.length > 0) {
            problems.push(`refused with ${response.status} but changed ${changed.join(', ')}`);
          }
          if (problems.length > 0) {
            throw new Error(
              `${problems.join('; ')}\n--- request\n${describeRequest(fuzzed)}\n--- answer ${response.status}\n${response.body.subarray(0, 500).toString('utf8')}`,
            );
          }
        }),
        { seed, numRuns: runs, endOnFailure: true },
      );
      const done = Math.max(details.numRuns, 1);
      console.log(
        `fuzz: ${Math.round(spent.requests / done)} ms a request, ${Math.round(spent.checks / done)} ms of database checks a request`,
      );
      if (details.failed) {
        const cause =
          details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
        throw new Error(`request ${details.numRuns} of seed ${seed} (FUZZ_SEED=${seed} to replay): ${cause}`);
      }
      const { unnoticed } = await watch.check({ full: true });
      expect(unnoticed, 'tables changed without firing the change trigger').toEqual([]);
      console.log(`fuzz: statuses ${JSON.stringify(Object.fromEntries([...counts].sort(([a], [b]) => a - b)))}`);
      expect([...counts.keys()].every((status) => status < 500)).toBe(true);
      // Thousands of refusals later, the server's log holds none of the credentials they carried.
      const log = readFileSync(serverState().logFile, 'utf8');
      for (const secret of [...context.tenant.secrets, ...context.other.secrets]) {
        expect(log.includes(secret), 'the server log holds a secret').toBe(false);
      }
    } finally {
      await watch.stop();
    }
  } finally {
    await db.end();
  }
});
