/**
 * A subscriber to `GET /v1/events` over real HTTP that reconnects whenever its stream ends or
 * fails, as a browser's EventSource does, and remembers every `review_changed` it heard.
 */
export interface HeardChange {
  block_run_id: string;
  rev: number;
  at: number;
}

export class LiveEvents {
  readonly heard: HeardChange[] = [];
  private readonly controller = new AbortController();

  constructor(
    private readonly url: string,
    private readonly key: string,
  ) {
    void this.listen();
  }

  /** Whether a change to `blockRunId` at `rev` (or later) was heard. */
  hasHeard(blockRunId: string, rev: number): boolean {
    return this.heard.some((change) => change.block_run_id === blockRunId && change.rev >= rev);
  }

  heardSince(time: number): number {
    return this.heard.filter((change) => change.at >= time).length;
  }

  close(): void {
    this.controller.abort();
  }

  private async listen(): Promise<void> {
    while (!this.controller.signal.aborted) {
      try {
        const response = await fetch(`${this.url}/v1/events`, {
          headers: { 'api-key': this.key },
          signal: this.controller.signal,
        });
        if (response.ok && response.body) await this.read(response.body);
        else await response.body?.cancel();
      } catch {
        // Refused, reset or aborted: reconnect below, as EventSource would.
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const message = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = message.split('\n').find((line) => line.startsWith('data: '));
        if (message.includes('event: review_changed') && data) {
          const change = JSON.parse(data.slice('data: '.length));
          this.heard.push({ block_run_id: change.block_run_id, rev: change.rev, at: Date.now() });
        }
        end = buffer.indexOf('\n\n');
      }
    }
  }
}
