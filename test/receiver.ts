/** A real webhook receiver on 127.0.0.1 for the dispatcher tests, answering as each test scripts it. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  headers: Record<string, string>;
  body: string;
}

/** What to answer: a status code, or `hang` to never answer. */
export type Answer = number | 'hang';

export class TestReceiver {
  readonly received: ReceivedRequest[] = [];
  /** Every `webhook-id` that had two requests in flight at once. */
  readonly overlapping = new Set<string>();
  private readonly inFlight = new Map<string, number>();
  private readonly server: http.Server;

  /** `answer` gets the request and how many requests with its webhook-id came before it. */
  constructor(
    public answer: (request: ReceivedRequest, earlier: number) => Answer,
    private readonly answerDelayMs = 0,
  ) {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const request = {
          headers: req.headers as Record<string, string>,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        const id = request.headers['webhook-id'] ?? '';
        const earlier = this.received.filter((r) => r.headers['webhook-id'] === id).length;
        this.received.push(request);
        const answer = this.answer(request, earlier);
        if (answer === 'hang') return;
        this.inFlight.set(id, (this.inFlight.get(id) ?? 0) + 1);
        if ((this.inFlight.get(id) ?? 0) > 1) this.overlapping.add(id);
        setTimeout(() => {
          this.inFlight.set(id, (this.inFlight.get(id) ?? 1) - 1);
          res.writeHead(answer).end();
        }, this.answerDelayMs);
      });
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/webhooks`;
  }

  idsReceived(): string[] {
    return this.received.map((request) => request.headers['webhook-id'] ?? '');
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/** Resolves once `condition` holds, checking every 50 ms; fails after `timeoutMs` with `what`. */
export async function eventually<T>(
  what: string,
  condition: () => Promise<T | null | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`still waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
