/**
 * What a hook test of lib/client needs: a QueryClient of its own, a fetch that answers like the
 * API and records every request (the browser client looks `fetch` up per call), and overlays at a
 * chosen `rev`.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { vi } from 'vitest';
import type { QueueItem, QueuePage, ReviewOverlay } from '@/lib/reviews/schemas';

export const RUN_ID = 'run-1';
export const BLOCK_ID = 'extract';
export const OVERLAY_PATH = `/v1/workflows/reviews/${RUN_ID}/${BLOCK_ID}`;

export interface SentRequest {
  method: string;
  path: string;
  body: Record<string, unknown> | undefined;
}

/** Answers one request; throwing stands for a network failure, as `fetch` rejects with a TypeError. */
export type Answer = (request: SentRequest) => Response | Promise<Response>;

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

export function networkFailure(): never {
  throw new TypeError('Failed to fetch');
}

/** Replaces `fetch` for this test; returns every request sent, in order. */
export function stubFetch(answer: Answer): SentRequest[] {
  const sent: SentRequest[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init: RequestInit = {}) => {
      const request: SentRequest = {
        method: init.method ?? 'GET',
        path: input,
        body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      };
      sent.push(request);
      return answer(request);
    }),
  );
  return sent;
}

export function createClientHarness() {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, gcTime: Number.POSITIVE_INFINITY } },
  });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
  );
  return { queryClient, wrapper };
}

const dana = { kind: 'human' as const, id: 'act_dana', display_name: 'Dana Rivera' };
const CREATED = '2026-05-13T09:00:00.000Z';

/** The review at `rev`, with one version per rev so its head moves too. */
export function overlayAt(rev: number, overrides: Partial<ReviewOverlay> = {}): ReviewOverlay {
  const versions = Array.from({ length: rev + 1 }, (_, seq) => ({
    seq,
    parent_seq: seq === 0 ? null : seq - 1,
    origin: seq === 0 ? ('model_output' as const) : ('human_edit' as const),
    author: dana,
    snapshot: { total: seq },
    content_sha256: '',
    note: null,
    created_at: CREATED,
  }));
  return {
    _id: `${RUN_ID}:${BLOCK_ID}`,
    organization_id: 'org',
    workflow_id: 'invoices',
    workflow_version_id: 'v1',
    workflow_run_id: RUN_ID,
    block_id: BLOCK_ID,
    block_run_id: `${RUN_ID}:${BLOCK_ID}`,
    block_type: 'extract',
    triggered_by: { kind: 'always' },
    status: 'awaiting_review',
    awaiting_since: CREATED,
    decided_at: null,
    priority: 0,
    rev,
    version_stamp: rev,
    claim: null,
    head_seq: rev,
    effective_seq: null,
    reviewable_value: null,
    versions,
    decisions: [],
    audit: [],
    ...overrides,
  } as ReviewOverlay;
}

/** One complete queue page listing `items`. */
export function queuePage(...items: QueueItem[]): QueuePage {
  return { data: items, has_more: false, next_cursor: null };
}
