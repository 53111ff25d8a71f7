/**
 * Every react-query key of the UI, from one factory, so that a mutation or a live event
 * invalidates exactly what it touched and nothing else.
 */

import type { QueueCountsQuery, QueueQuery } from '../reviews/schemas';
import type { CorrectionStatsInput, DecisionStatsInput, QueueStatsInput } from './api-client';

export type QueueFilters = Partial<Omit<QueueQuery, 'cursor' | 'limit'>>;
export type CountFilters = Partial<QueueCountsQuery>;

export const queryKeys = {
  me: ['me'] as const,
  queues: ['queue'] as const,
  queue: (filters: QueueFilters) => ['queue', filters] as const,
  counts: ['counts'] as const,
  countsOf: (filters: CountFilters) => ['counts', filters] as const,
  /** Under `counts`, so whatever refreshes the counts (a claim, a release, a decision) refreshes it too. */
  claimHolders: ['counts', 'claim-holders'] as const,
  reviews: ['review'] as const,
  review: (runId: string, blockId: string) => ['review', runId, blockId] as const,
  runs: ['run'] as const,
  run: (runId: string) => ['run', runId] as const,
  /** Every insight query starts with `stats`, so any change can mark them all stale at once. */
  stats: ['stats'] as const,
  queueStats: (query: QueueStatsInput) => ['stats', 'queue', query] as const,
  decisionStats: (query: DecisionStatsInput) => ['stats', 'decisions', query] as const,
  correctionStats: (query: CorrectionStatsInput) => ['stats', 'corrections', query] as const,
  organizationSettings: ['organization-settings'] as const,
  apiKeys: ['api-keys'] as const,
  members: ['members'] as const,
  webhookEndpoints: ['webhook-endpoints'] as const,
  deliveries: (endpointId: string) => ['deliveries', endpointId] as const,
  /** A source document's bytes: files never change, so nothing invalidates them. */
  sourceFile: (url: string) => ['source-file', url] as const,
};
