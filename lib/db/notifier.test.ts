import { describe, expect, it } from 'vitest';
import { MAX_PAYLOAD_BYTES, packPayloads, unpackPayload } from './notifier';

describe('packPayloads', () => {
  it('fills each payload up to the limit, keeping every item once and in order', () => {
    const items = Array.from({ length: 100 }, (_, index) => JSON.stringify([index, 'ü'.repeat(150)]));
    const payloads = packPayloads(items, 'instance-a');
    expect(payloads.length).toBeGreaterThan(1);
    for (const payload of payloads) {
      expect(payload.startsWith('instance-a [')).toBe(true);
      expect(Buffer.byteLength(payload)).toBeLessThanOrEqual(MAX_PAYLOAD_BYTES);
    }
    expect(payloads.flatMap(unpackPayload).map((item) => JSON.stringify(item))).toEqual(items);
    // Full: the next item would not have fitted in any payload but the last.
    const itemBytes = Buffer.byteLength(items[0]!) + 1;
    for (const payload of payloads.slice(0, -1)) {
      expect(Buffer.byteLength(payload) + itemBytes).toBeGreaterThan(MAX_PAYLOAD_BYTES);
    }
  });

  it('makes one empty batch of no items, the hello a publisher sends when it connects', () => {
    expect(packPayloads([], 'instance-a')).toEqual(['instance-a []']);
  });
});

describe('unpackPayload', () => {
  it('reads nothing from a payload it did not make', () => {
    expect(unpackPayload('')).toEqual([]);
    expect(unpackPayload('instance-a {"not":"a batch"}')).toEqual([]);
    expect(unpackPayload('instance-a [oops')).toEqual([]);
  });
});
