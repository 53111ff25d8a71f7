/** Drives test/instance-process.ts: another app instance on the test database, in its own process. */
import { type ChildProcess, spawn } from 'node:child_process';
import readline from 'node:readline';
import type { CallOptions } from './api-client';

interface Answer {
  id?: number;
  ready?: boolean;
  status?: number;
  body?: any;
}

export class OtherInstance {
  private nextId = 0;
  private readonly waiting = new Map<number, (answer: Answer) => void>();
  /** Resolves with the signal that ended the process, or null if it exited by itself. */
  readonly exited: Promise<NodeJS.Signals | null>;

  private constructor(
    private readonly child: ChildProcess,
    ready: () => void,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      const answer = JSON.parse(line) as Answer;
      if (answer.ready) ready();
      if (answer.id !== undefined) this.waiting.get(answer.id)?.(answer);
    });
  }

  /** Starts the process; resolves once its publisher is connected and it takes commands. */
  static async start(): Promise<OtherInstance> {
    // Node itself with tsx's loader: the tsx CLI would run the script in a grandchild.
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/instance-process.ts'], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let instance!: OtherInstance;
    await new Promise<void>((resolve, reject) => {
      instance = new OtherInstance(child, resolve);
      child.once('exit', () => reject(new Error('the other instance exited before it was ready')));
    });
    return instance;
  }

  private command(command: object): Promise<Answer> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.child.stdin!.write(`${JSON.stringify({ id, ...command })}\n`);
    });
  }

  /** Calls a route on the other instance; its status and JSON body. */
  async call(
    method: 'GET' | 'POST',
    path: string,
    options: Pick<CallOptions, 'key' | 'body'> = {},
  ): Promise<{ status: number; body: any }> {
    const { status, body } = await this.command({ call: { method, path, ...options } });
    return { status: status ?? 0, body };
  }

  /** The next change this instance commits kills it, before it can publish the change. */
  async crashAfterNextChange(): Promise<void> {
    await this.command({ crashAfterNextChange: true });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    await this.exited;
  }
}
