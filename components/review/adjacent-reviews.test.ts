import { describe, expect, it } from 'vitest';
import type { QueueItem } from '@/lib/reviews/schemas';
import { adjacentReviews } from './adjacent-reviews';

const item = (id: string) => ({ block_run_id: id }) as QueueItem;
const queue = [item('a'), item('b'), item('c')];
const ids = (found: ReturnType<typeof adjacentReviews>) => [found.previous?.block_run_id, found.next?.block_run_id];

describe('adjacentReviews', () => {
  it('gives the neighbours in queue order', () => {
    expect(ids(adjacentReviews(queue, 'b', null))).toEqual(['a', 'c']);
    expect(ids(adjacentReviews(queue, 'a', null))).toEqual([undefined, 'b']);
    expect(ids(adjacentReviews(queue, 'c', 2))).toEqual(['b', undefined]);
    expect(adjacentReviews(queue, 'c', null).index).toBe(2);
  });

  it('after a decision took the review out of the queue, next is the one that took its place', () => {
    const afterDeciding = [item('a'), item('c')];
    expect(ids(adjacentReviews(afterDeciding, 'b', 1))).toEqual(['a', 'c']);
    expect(ids(adjacentReviews([item('a')], 'b', 1))).toEqual(['a', undefined]);
  });

  it('a review that was never in the queue starts from its top', () => {
    expect(ids(adjacentReviews(queue, 'x', null))).toEqual([undefined, 'a']);
    expect(ids(adjacentReviews([], 'x', null))).toEqual([undefined, undefined]);
  });
});
