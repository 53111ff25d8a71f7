/** The publisher against real PostgreSQL, heard on a LISTEN connection of its own like another instance. */
import pg from 'pg';
import { afterEach, beforeEach, expect, inject, it } from 'vitest';
import { eventually } from '../../test/receiver';
import { MAX_PAYLOAD_BYTES, publish, unpackPayload } from './notifier';

let listener: pg.Client;
const payloads: string[] = [];

beforeEach(async () => {
  payloads.length = 0;
  listener = new pg.Client({ connectionString: inject('databaseUrl') });
  await listener.connect();
  listener.on('notification', (message) => payloads.push(message.payload ?? ''));
  await listener.query('LISTEN review_changes');
});

afterEach(async () => {
  await listener.end();
});

it('sends a burst too large for one NOTIFY in several payloads, every item once and in order', async () => {
  const items = Array.from({ length: 60 }, (_, index) => JSON.stringify([index, 'x'.repeat(400)]));
  // Published in one tick: they go out in one batch.
  for (const item of items) publish('review_changes', item);

  const heard = await eventually('every item', async () => {
    const received = payloads.flatMap((payload) => unpackPayload(payload).map((item) => JSON.stringify(item)));
    return received.length >= items.length && received;
  });
  expect(heard).toEqual(items);
  const carrying = payloads.filter((payload) => unpackPayload(payload).length > 0);
  expect(carrying.length).toBeGreaterThan(1);
  for (const payload of carrying) expect(Buffer.byteLength(payload)).toBeLessThanOrEqual(MAX_PAYLOAD_BYTES);
});
