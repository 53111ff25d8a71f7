/**
 * Another app instance on the test database, in a process of its own, for the tests of live
 * updates across instances. Started like a server (its publisher connected first), it serves
 * the API's route handlers (test/api-client.ts) to commands read from stdin, one JSON line each,
 * and answers each with one JSON line on stdout:
 * - `{ "id", "call": { "method", "path", "key", "body" } }` → `{ "id", "status", "body" }`;
 * - `{ "id", "crashAfterNextChange": true }` → `{ "id" }`; the next change this instance
 *   commits then kills it with SIGKILL, after the commit and before it is published to others.
 * It says `{ "ready": true }` first.
 */
import readline from 'node:readline';
import { startCallerCache } from '@/lib/auth/credential-changes';
import { startPublisher } from '@/lib/db/notifier';
import { subscribeToReviewChanges } from '@/lib/events/review-changes';
import { api, type CallOptions } from './api-client';

interface Command {
  id: number;
  call?: { method: 'GET' | 'POST'; path: string } & Pick<CallOptions, 'key' | 'body'>;
  crashAfterNextChange?: boolean;
}

const reply = (message: object) => process.stdout.write(`${JSON.stringify(message)}\n`);

await startPublisher();
// As a server does (instrumentation.ts): it remembers callers, and forgets them when told.
await startCallerCache();
reply({ ready: true });
for await (const line of readline.createInterface({ input: process.stdin })) {
  const command = JSON.parse(line) as Command;
  if (command.call) {
    const { method, path, ...options } = command.call;
    void api(method, path, options).then(
      (response) => reply({ id: command.id, status: response.status, body: response.body }),
      (error: unknown) => reply({ id: command.id, status: 0, body: String(error) }),
    );
  } else if (command.crashAfterNextChange) {
    // A subscriber of this process hears of a change as it commits, before the change is sent
    // to the other instances: the moment a crash leaves it unannounced.
    await subscribeToReviewChanges({ onChange: () => process.kill(process.pid, 'SIGKILL'), onLost: () => {} });
    reply({ id: command.id });
  }
}
