/**
 * Sends every pending webhook delivery. Each app instance runs one (see instrumentation.ts), and
 * any number may run at once: a delivery is claimed with FOR UPDATE SKIP LOCKED and stays locked
 * for its whole attempt, so each attempt is made by exactly one dispatcher and two attempts of one
 * delivery never overlap.
 *
 * Workers sleep until woken: by a `webhook_deliveries` notification, which only what can make a
 * delivery due sends (a review write that added outbox events in an organization with an enabled
 * endpoint, see new-events.ts, wakes them as it commits on this process and with the next batch of
 * another; a test event; a redelivery; an endpoint enabled again), by the news that notifications
 * may have been missed (an instance died before it published, the LISTEN connection dropped:
 * lib/db/notifications.ts), or by the fallback poll, which also picks up retries as they fall due.
 * Other review changes (appends, claims…) make nothing due and wake no worker.
 */
import pg from 'pg';
import { connectionOptions } from '../db/connection-options';
import { type Channel, type NotificationSubscriber, subscribe } from '../db/notifications';
import { env } from '../env';
import { type ClaimedDelivery, claimDueDelivery, recordAttempt } from './delivery-sql';
import { type RetryPolicy, retryDelayMs } from './retry-schedule';
import { DELIVERY_TIMEOUT_MS, postWebhook } from './send';
import { signingSecrets, webhookHeaders } from './signature';

export interface DispatcherOptions {
  databaseUrl?: string;
  /** Attempts in flight at once, each holding one database connection. */
  concurrency?: number;
  clock?: () => Date;
  retryPolicy?: RetryPolicy;
  timeoutMs?: number;
  pollIntervalMs?: number;
  allowPrivateUrls?: boolean;
}

const WAKING_CHANNELS: Channel[] = ['webhook_deliveries'];

export class Dispatcher {
  private readonly pool: pg.Pool;
  private readonly clock: () => Date;
  private readonly retryPolicy: RetryPolicy;
  private readonly timeoutMs: number;
  private readonly pollIntervalMs: number;
  private readonly allowPrivateUrls: boolean;
  private readonly concurrency: number;
  private running = false;
  private listening = false;
  /** Bumped by every wake-up, so a worker that found nothing knows whether to look again. */
  private wakeups = 0;
  private sleepers: (() => void)[] = [];
  private workers: Promise<void>[] = [];
  private subscribers: NotificationSubscriber[] = [];
  private unsubscribers: (() => void)[] = [];
  private poll: ReturnType<typeof setInterval> | null = null;

  constructor(options: DispatcherOptions = {}) {
    this.concurrency = options.concurrency ?? 4;
    const databaseUrl = options.databaseUrl ?? env.DATABASE_URL;
    if (!databaseUrl) throw new Error('DATABASE_URL is not set');
    // The app's timeouts: a claim or a record on a stuck database fails in seconds. An attempt's
    // HTTP request runs between statements, so it is bounded by timeoutMs alone.
    this.pool = new pg.Pool({ ...connectionOptions(databaseUrl), max: this.concurrency });
    this.pool.on('error', (error) => console.error('webhook dispatcher: an idle connection failed', error));
    this.clock = options.clock ?? (() => new Date());
    this.retryPolicy = options.retryPolicy ?? ((failures) => retryDelayMs(failures));
    this.timeoutMs = options.timeoutMs ?? DELIVERY_TIMEOUT_MS;
    this.pollIntervalMs = options.pollIntervalMs ?? 5_000;
    this.allowPrivateUrls = options.allowPrivateUrls ?? env.WEBHOOK_ALLOW_PRIVATE_URLS ?? false;
  }

  /** Starts the workers at once; notifications wake them as soon as LISTEN is in force. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.subscribers = WAKING_CHANNELS.map((channel) => ({
      channel,
      onNotification: () => this.wake(),
      onLost: () => {
        this.listening = false;
        this.wake();
        void this.listen();
      },
    }));
    void this.listen();
    // The poll also listens again when the database could not be listened to.
    this.poll = setInterval(() => {
      this.wake();
      void this.listen();
    }, this.pollIntervalMs);
    this.poll.unref();
    this.workers = Array.from({ length: this.concurrency }, () => this.work());
  }

  private async listen(): Promise<void> {
    if (this.listening || !this.running) return;
    this.listening = true;
    try {
      for (const subscriber of this.subscribers) this.unsubscribers.push(await subscribe(subscriber));
    } catch (error) {
      this.listening = false;
      console.error('webhook dispatcher: cannot listen for notifications now; polling meanwhile', error);
    }
    if (!this.running) for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
    this.wake();
  }

  /** Lets idle workers look for due deliveries now. */
  wake(): void {
    this.wakeups += 1;
    const sleepers = this.sleepers;
    this.sleepers = [];
    for (const resume of sleepers) resume();
  }

  /** Stops claiming, lets attempts in flight finish and record their outcome, then closes its connections. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    if (this.poll) clearInterval(this.poll);
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
    this.wake();
    await Promise.all(this.workers);
    await this.pool.end();
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => this.sleepers.push(resolve));
  }

  private async work(): Promise<void> {
    while (this.running) {
      const wakeups = this.wakeups;
      let attempted = false;
      try {
        attempted = await this.attemptOne();
      } catch (error) {
        console.error('webhook dispatcher: an attempt could not be claimed or recorded; retrying later', error);
        if (this.running) await this.sleep();
        continue;
      }
      if (!attempted && this.running && wakeups === this.wakeups) await this.sleep();
    }
  }

  /** Claims one due delivery and attempts it; false when none was due. */
  private async attemptOne(): Promise<boolean> {
    const client = await this.pool.connect();
    let failure: Error | undefined;
    try {
      await client.query('BEGIN');
      const delivery = await claimDueDelivery(client, this.clock());
      if (!delivery) {
        await client.query('COMMIT');
        return false;
      }
      await recordAttempt(client, await this.attempt(delivery));
      await client.query('COMMIT');
      return true;
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      // A connection that failed mid-transaction is not given to the next attempt.
      client.release(failure);
    }
  }

  private async attempt(delivery: ClaimedDelivery) {
    const startedAt = this.clock();
    const body = JSON.stringify({
      type: delivery.event_type,
      timestamp: delivery.event_created_at.toISOString(),
      data: delivery.payload,
    });
    const outcome = await postWebhook({
      url: delivery.url,
      body,
      headers: webhookHeaders({
        eventId: delivery.event_id,
        body,
        secrets: signingSecrets(
          {
            secret: delivery.secret,
            previousSecret: delivery.previous_secret,
            previousSecretExpiresAt: delivery.previous_secret_expires_at,
          },
          startedAt,
        ),
        at: startedAt,
      }),
      timeoutMs: this.timeoutMs,
      allowPrivateUrls: this.allowPrivateUrls,
    });
    const finishedAt = this.clock();
    const delay = outcome.delivered ? null : this.retryPolicy(delivery.consecutive_failures + 1);
    return {
      id: delivery.id,
      startedAt,
      finishedAt,
      statusCode: outcome.statusCode,
      error: outcome.delivered ? null : outcome.error,
      nextAttemptAt: delay === null ? null : new Date(finishedAt.getTime() + delay),
    };
  }
}
