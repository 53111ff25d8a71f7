/**
 * The dispatcher's SQL, on a connection it holds in a transaction for the whole attempt: the
 * claimed delivery stays row-locked until its outcome is written, so no other dispatcher, in this
 * process or any other, can attempt it at the same time; and if this process dies, the lock dies
 * with its connection and the delivery is due again at once.
 */
import type pg from 'pg';

export interface ClaimedDelivery {
  id: string;
  consecutive_failures: number;
  event_id: string;
  event_type: string;
  /** The event's `data`, parsed from `json` with its key order. */
  payload: unknown;
  event_created_at: Date;
  url: string;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
}

/** The earliest due delivery nobody else holds, to an enabled endpoint, locked; null when none. */
export async function claimDueDelivery(client: pg.ClientBase, now: Date): Promise<ClaimedDelivery | null> {
  const { rows } = await client.query<ClaimedDelivery>(
    `SELECT d.id, d.consecutive_failures, e.id AS event_id, e.event_type, e.payload,
            e.created_at AS event_created_at, w.url, w.secret, w.previous_secret, w.previous_secret_expires_at
       FROM webhook_deliveries d
       JOIN webhook_endpoints w ON w.id = d.endpoint_id
       JOIN outbox_events e ON e.id = d.event_id
      WHERE d.status = 'pending' AND d.next_attempt_at <= $1 AND NOT w.disabled
      ORDER BY d.next_attempt_at
      LIMIT 1
        FOR UPDATE OF d SKIP LOCKED`,
    [now],
  );
  return rows[0] ?? null;
}

export interface AttemptRecord {
  id: string;
  startedAt: Date;
  finishedAt: Date;
  statusCode: number | null;
  /** Null when delivered. */
  error: string | null;
  /** When to try again after a failure; null after a success, or when the schedule is spent. */
  nextAttemptAt: Date | null;
}

export async function recordAttempt(client: pg.ClientBase, attempt: AttemptRecord): Promise<void> {
  const delivered = attempt.error === null;
  await client.query(
    `UPDATE webhook_deliveries
        SET attempts = attempts + 1,
            consecutive_failures = CASE WHEN $2 THEN 0 ELSE consecutive_failures + 1 END,
            status = (CASE WHEN $2 THEN 'delivered' WHEN $6::timestamptz IS NULL THEN 'failed' ELSE 'pending' END)::delivery_status,
            last_attempt_at = $3, last_status_code = $4, last_error = $5,
            next_attempt_at = $6,
            delivered_at = CASE WHEN $2 THEN $7 ELSE delivered_at END
      WHERE id = $1`,
    [
      attempt.id,
      delivered,
      attempt.startedAt,
      attempt.statusCode,
      attempt.error,
      attempt.nextAttemptAt,
      attempt.finishedAt,
    ],
  );
}
