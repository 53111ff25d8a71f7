/**
 * A typed client of every review API route, for the UI (cookie session, same origin) and for
 * API users (an `Api-Key`). Methods and paths come from the route registry's generated table;
 * request and response types from the zod schemas the server parses with. Only types are
 * imported from the schemas, so zod stays out of the browser bundle.
 *
 * Results of mutations share one shape: `{ overlay, replayed }`, where `replayed` is true when
 * the call was an idempotent replay of an earlier `command_id` (nothing changed this time).
 * `decide` adds `submission_status`; `openGate` adds `created`.
 */
import type { z } from 'zod';
import type {
  ApiKeyList,
  CreatedApiKey,
  CreatedMember,
  Member,
  MemberList,
  ZCreateApiKeyBody,
  ZCreateMemberBody,
  ZUpdateMemberBody,
} from '../admin/schemas';
import { ROUTE_TABLE, type RouteName } from '../api/route-table';
import type { Me, SignInResult } from '../auth/schemas';
import type { ErrorCode } from '../errors';
import type { FileObject } from '../files/schemas';
import { fillPath } from '../http/route-paths';
import type {
  CorrectionStats,
  CorrectionStatsQuery,
  DecisionStats,
  DecisionStatsQuery,
  OrganizationSettings,
  OrganizationSettingsPatch,
  QueueStats,
  QueueStatsQuery,
} from '../insight/schemas';
import type {
  ClaimHolders,
  DecisionResult,
  QueueCounts,
  QueuePage,
  ReviewOverlay,
  RunStatus,
  ZAppendVersionBody,
  ZClaimBody,
  ZDecisionBody,
  ZOpenGateBody,
  ZQueueCountsQuery,
  ZQueueQuery,
  ZReleaseBody,
  ZReopenBody,
  ZRevertBody,
} from '../reviews/schemas';
import type {
  CreatedEndpoint,
  Delivery,
  DeliveryPage,
  EndpointList,
  EndpointSecret,
  WebhookEndpoint,
  ZCreateEndpointBody,
  ZDeliveriesQuery,
  ZUpdateEndpointBody,
} from '../webhooks/schemas';

export type CreateApiKeyInput = z.input<typeof ZCreateApiKeyBody>;
export type CreateMemberInput = z.input<typeof ZCreateMemberBody>;
export type UpdateMemberInput = z.input<typeof ZUpdateMemberBody>;
export type CreateEndpointInput = z.input<typeof ZCreateEndpointBody>;
export type UpdateEndpointInput = z.input<typeof ZUpdateEndpointBody>;
/** Insight queries; `format` and `table` are for CSV downloads, so the JSON client leaves them out. */
export type QueueStatsInput = Partial<Omit<QueueStatsQuery, 'format' | 'table'>>;
export type DecisionStatsInput = Partial<Omit<DecisionStatsQuery, 'format' | 'table'>>;
export type CorrectionStatsInput = Omit<CorrectionStatsQuery, 'format' | 'table'>;
export type ListDeliveriesQuery = Partial<z.output<typeof ZDeliveriesQuery>>;

/** Every query parameter is optional; the server fills in `status` and `limit`. */
export type ListQueueQuery = Partial<z.output<typeof ZQueueQuery>>;
export type CountQueueQuery = Partial<z.output<typeof ZQueueCountsQuery>>;
export type OpenGateInput = z.input<typeof ZOpenGateBody>;
export type AppendVersionInput = z.input<typeof ZAppendVersionBody>;
export type DecisionInput = z.input<typeof ZDecisionBody>;
export type ClaimInput = z.input<typeof ZClaimBody>;
export type ReleaseInput = z.input<typeof ZReleaseBody>;
export type RevertInput = z.input<typeof ZRevertBody>;
export type ReopenInput = z.input<typeof ZReopenBody>;

export interface MutationResult {
  overlay: ReviewOverlay;
  /** True when the server answered an idempotent replay: the command had already been applied. */
  replayed: boolean;
}

export interface OpenGateResult extends MutationResult {
  /** `201`: the gate was opened now; `false` (`200`) when the same body had been received before. */
  created: boolean;
}

export interface DecideResult extends MutationResult {
  submission_status: DecisionResult['submission_status'];
}

export interface ReviewClientOptions {
  /** Origin of the API, e.g. `https://reviews.example.com`; empty (same origin) by default. */
  baseUrl?: string;
  /** Sent as `Api-Key`. Without it the browser's session cookie authenticates. */
  apiKey?: string;
  fetch?: typeof fetch;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

/** Known codes autocomplete; a code this client does not know yet still comes through. */
export type ApiErrorCode = ErrorCode | 'unknown' | (string & {});

/** Any non-2xx answer, carrying the contract's error envelope (or `unknown` when there was none). */
export class ApiClientError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly details: Record<string, unknown> | null;
  readonly requestId: string | null;
  /** From `Retry-After` on `429`/`503`, in seconds. */
  readonly retryAfterSeconds: number | null;

  constructor(init: {
    status: number;
    code: ApiErrorCode;
    message: string;
    details?: Record<string, unknown> | null;
    requestId?: string | null;
    retryAfterSeconds?: number | null;
  }) {
    super(init.message);
    this.name = 'ApiClientError';
    this.status = init.status;
    this.code = init.code;
    this.details = init.details ?? null;
    this.requestId = init.requestId ?? null;
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
  }
}

export function isApiClientError(error: unknown, code?: ApiErrorCode): error is ApiClientError {
  return error instanceof ApiClientError && (code === undefined || error.code === code);
}

type QueryValue = string | number | boolean | null | undefined;

/** `key=value` pairs in the order given, dropping absent values; booleans as `true`/`false`. */
export function toQueryString(query: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** What one call sends: the route's path parameters, query and JSON body. */
interface CallInput {
  params?: Record<string, string>;
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Bytes sent as they are, instead of a JSON body (file uploads). */
  rawBody?: { bytes: Blob | ArrayBuffer | Uint8Array<ArrayBuffer>; contentType: string };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function retryAfterOf(headers: Headers): number | null {
  const value = headers.get('retry-after');
  if (value === null || !/^\d+$/.test(value.trim())) return null;
  return Number(value);
}

async function errorFrom(response: Response): Promise<ApiClientError> {
  const requestId = response.headers.get('x-request-id');
  const retryAfterSeconds = retryAfterOf(response.headers);
  const text = await response.text().catch(() => '');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const detail = isRecord(body) && isRecord(body.detail) ? body.detail : null;
  if (detail && typeof detail.code === 'string') {
    return new ApiClientError({
      status: response.status,
      code: detail.code,
      message:
        typeof detail.message === 'string' && detail.message
          ? detail.message
          : `HTTP ${response.status}: ${detail.code}`,
      details: isRecord(detail.details) ? detail.details : null,
      requestId,
      retryAfterSeconds,
    });
  }
  const statusLine = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  return new ApiClientError({
    status: response.status,
    code: 'unknown',
    message: `${statusLine}: the server answered without an error envelope`,
    requestId,
    retryAfterSeconds,
  });
}

export function createReviewClient(options: ReviewClientOptions = {}) {
  const baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
  const apiKey = options.apiKey;
  // Looked up per call, so a fetch stubbed or polyfilled after creation is still used.
  const doFetch: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  async function call<T>(
    name: RouteName,
    { params = {}, query = {}, body, rawBody }: CallInput,
    requestOptions: RequestOptions | undefined,
  ): Promise<{ data: T; response: Response }> {
    const { method, path } = ROUTE_TABLE[name];
    const headers = new Headers({ accept: 'application/json' });
    if (body !== undefined) headers.set('content-type', 'application/json');
    if (rawBody) headers.set('content-type', rawBody.contentType);
    if (apiKey) headers.set('api-key', apiKey);
    const response = await doFetch(`${baseUrl}${fillPath(path, params)}${toQueryString(query)}`, {
      method,
      headers,
      body: rawBody ? rawBody.bytes : body === undefined ? undefined : JSON.stringify(body),
      // A key speaks for itself; without one, the same-origin session cookie must ride along.
      credentials: apiKey ? 'omit' : 'same-origin',
      signal: requestOptions?.signal,
    });
    if (!response.ok) throw await errorFrom(response);
    try {
      // `204` (a delete) and `202` (a send queued) may come without a body.
      const text = await response.text();
      return { data: (text === '' ? undefined : JSON.parse(text)) as T, response };
    } catch {
      throw new ApiClientError({
        status: response.status,
        code: 'unknown',
        message: `HTTP ${response.status}: the response is not JSON`,
        requestId: response.headers.get('x-request-id'),
      });
    }
  }

  /** Every overlay command but /decision answers with the overlay and marks a replay with a header. */
  async function overlayCommand(
    name: 'appendVersion' | 'claim' | 'release' | 'revert' | 'reopen',
    runId: string,
    blockId: string,
    body: unknown,
    requestOptions?: RequestOptions,
  ): Promise<MutationResult> {
    const { data, response } = await call<ReviewOverlay>(name, { params: { runId, blockId }, body }, requestOptions);
    return { overlay: data, replayed: response.headers.get('idempotent-replayed') === 'true' };
  }

  return {
    async listQueue(query: ListQueueQuery = {}, requestOptions?: RequestOptions): Promise<QueuePage> {
      return (await call<QueuePage>('listQueue', { query }, requestOptions)).data;
    },

    async getOverlay(runId: string, blockId: string, requestOptions?: RequestOptions): Promise<ReviewOverlay> {
      return (await call<ReviewOverlay>('getOverlay', { params: { runId, blockId } }, requestOptions)).data;
    },

    async openGate(body: OpenGateInput, requestOptions?: RequestOptions): Promise<OpenGateResult> {
      const { data, response } = await call<ReviewOverlay>('openGate', { body }, requestOptions);
      const created = response.status === 201;
      return { overlay: data, created, replayed: !created };
    },

    appendVersion(runId: string, blockId: string, body: AppendVersionInput, requestOptions?: RequestOptions) {
      return overlayCommand('appendVersion', runId, blockId, body, requestOptions);
    },

    async decide(
      runId: string,
      blockId: string,
      body: DecisionInput,
      requestOptions?: RequestOptions,
    ): Promise<DecideResult> {
      const { data } = await call<DecisionResult>('decide', { params: { runId, blockId }, body }, requestOptions);
      // This route reports a replay in the body rather than with Idempotent-Replayed.
      return {
        submission_status: data.submission_status,
        overlay: data.overlay,
        replayed: data.submission_status !== 'accepted',
      };
    },

    claim(runId: string, blockId: string, body: ClaimInput, requestOptions?: RequestOptions) {
      return overlayCommand('claim', runId, blockId, body, requestOptions);
    },

    release(runId: string, blockId: string, body: ReleaseInput, requestOptions?: RequestOptions) {
      return overlayCommand('release', runId, blockId, body, requestOptions);
    },

    revert(runId: string, blockId: string, body: RevertInput, requestOptions?: RequestOptions) {
      return overlayCommand('revert', runId, blockId, body, requestOptions);
    },

    reopen(runId: string, blockId: string, body: ReopenInput, requestOptions?: RequestOptions) {
      return overlayCommand('reopen', runId, blockId, body, requestOptions);
    },

    /** Uploads a source document (integration, admin); the same bytes again answer the same file. */
    async uploadFile(
      file: { name: string; mimeType: string; bytes: Blob | ArrayBuffer | Uint8Array<ArrayBuffer> },
      requestOptions?: RequestOptions,
    ): Promise<FileObject> {
      const rawBody = { bytes: file.bytes, contentType: file.mimeType };
      return (await call<FileObject>('uploadFile', { query: { name: file.name }, rawBody }, requestOptions)).data;
    },

    /** Where a source's bytes are: an overlay's `sources[i].url`, resolved against this client's origin. */
    sourceUrl(url: string): string {
      return url.startsWith('/') ? `${baseUrl}${url}` : url;
    },

    async getRun(runId: string, requestOptions?: RequestOptions): Promise<RunStatus> {
      return (await call<RunStatus>('getRun', { params: { runId } }, requestOptions)).data;
    },

    /** Counts per status under the queue's filters (all of them optional: the organization's totals). */
    async countQueue(query: CountQueueQuery = {}, requestOptions?: RequestOptions): Promise<QueueCounts> {
      const { workflow_id, block_type, priority, mine, unclaimed, claimed_by, claim, decided_by, sla } = query;
      const search = { workflow_id, block_type, priority, mine, unclaimed, claimed_by, claim, decided_by, sla };
      return (await call<QueueCounts>('countQueue', { query: search }, requestOptions)).data;
    },

    /** Who holds unexpired claims, and on how many awaiting items. */
    async listClaimHolders(requestOptions?: RequestOptions): Promise<ClaimHolders> {
      return (await call<ClaimHolders>('listClaimHolders', {}, requestOptions)).data;
    },

    /** How the queue stands now (lead, admin). */
    async getQueueStats(query: QueueStatsInput = {}, requestOptions?: RequestOptions): Promise<QueueStats> {
      const { workflow_id, block_type } = query;
      return (await call<QueueStats>('getQueueStats', { query: { workflow_id, block_type } }, requestOptions)).data;
    },

    /** Decisions per day or week of a period, and per reviewer (lead, admin). */
    async getDecisionStats(query: DecisionStatsInput = {}, requestOptions?: RequestOptions): Promise<DecisionStats> {
      const { from, to, bucket, workflow_id } = query;
      const search = { from, to, bucket, workflow_id };
      return (await call<DecisionStats>('getDecisionStats', { query: search }, requestOptions)).data;
    },

    /** The fields of a workflow's output that reviewers correct most (lead, admin). */
    async getCorrectionStats(query: CorrectionStatsInput, requestOptions?: RequestOptions): Promise<CorrectionStats> {
      const { workflow_id, from, to } = query;
      const search = { workflow_id, from, to };
      return (await call<CorrectionStats>('getCorrectionStats', { query: search }, requestOptions)).data;
    },

    /** The SLA minutes (lead, admin). */
    async getOrganizationSettings(requestOptions?: RequestOptions): Promise<OrganizationSettings> {
      return (await call<OrganizationSettings>('getOrganizationSettings', {}, requestOptions)).data;
    },

    /** Change the SLA minutes (admin). */
    async updateOrganizationSettings(
      body: OrganizationSettingsPatch,
      requestOptions?: RequestOptions,
    ): Promise<OrganizationSettings> {
      return (await call<OrganizationSettings>('updateOrganizationSettings', { body }, requestOptions)).data;
    },

    async me(requestOptions?: RequestOptions): Promise<Me> {
      return (await call<Me>('getMe', {}, requestOptions)).data;
    },

    async signIn(body: { email: string; password: string }, requestOptions?: RequestOptions): Promise<SignInResult> {
      return (await call<SignInResult>('signIn', { body }, requestOptions)).data;
    },

    /** Sets an invited person's password from their invitation link's token, and signs them in. */
    async acceptInvite(
      body: { token: string; password: string },
      requestOptions?: RequestOptions,
    ): Promise<SignInResult> {
      return (await call<SignInResult>('acceptInvite', { body }, requestOptions)).data;
    },

    async signOut(requestOptions?: RequestOptions): Promise<void> {
      await call('signOut', { body: {} }, requestOptions);
    },

    async listApiKeys(requestOptions?: RequestOptions): Promise<ApiKeyList> {
      return (await call<ApiKeyList>('listApiKeys', {}, requestOptions)).data;
    },

    /** The answer is the only place the new key is ever shown. */
    async createApiKey(body: CreateApiKeyInput, requestOptions?: RequestOptions): Promise<CreatedApiKey> {
      return (await call<CreatedApiKey>('createApiKey', { body }, requestOptions)).data;
    },

    async revokeApiKey(id: string, requestOptions?: RequestOptions): Promise<void> {
      await call('revokeApiKey', { params: { id } }, requestOptions);
    },

    async listMembers(requestOptions?: RequestOptions): Promise<MemberList> {
      return (await call<MemberList>('listMembers', {}, requestOptions)).data;
    },

    /** Without a password the answer carries a one-use `invite_url`, shown only this once. */
    async createMember(body: CreateMemberInput, requestOptions?: RequestOptions): Promise<CreatedMember> {
      return (await call<CreatedMember>('createMember', { body }, requestOptions)).data;
    },

    async updateMember(id: string, body: UpdateMemberInput, requestOptions?: RequestOptions): Promise<Member> {
      return (await call<Member>('updateMember', { params: { id }, body }, requestOptions)).data;
    },

    async listWebhookEndpoints(requestOptions?: RequestOptions): Promise<EndpointList> {
      return (await call<EndpointList>('listWebhookEndpoints', {}, requestOptions)).data;
    },

    /** The answer is the only place the endpoint's signing secret is ever shown. */
    async createWebhookEndpoint(body: CreateEndpointInput, requestOptions?: RequestOptions): Promise<CreatedEndpoint> {
      return (await call<CreatedEndpoint>('createWebhookEndpoint', { body }, requestOptions)).data;
    },

    async updateWebhookEndpoint(
      id: string,
      body: UpdateEndpointInput,
      requestOptions?: RequestOptions,
    ): Promise<WebhookEndpoint> {
      return (await call<WebhookEndpoint>('updateWebhookEndpoint', { params: { id }, body }, requestOptions)).data;
    },

    async deleteWebhookEndpoint(id: string, requestOptions?: RequestOptions): Promise<void> {
      await call('deleteWebhookEndpoint', { params: { id } }, requestOptions);
    },

    async rotateWebhookSecret(id: string, requestOptions?: RequestOptions): Promise<EndpointSecret> {
      return (await call<EndpointSecret>('rotateWebhookSecret', { params: { id }, body: {} }, requestOptions)).data;
    },

    /** Queues a `webhook.test` event to the endpoint; answers with its delivery. */
    async sendWebhookTest(id: string, requestOptions?: RequestOptions): Promise<Delivery> {
      return (await call<Delivery>('sendWebhookTest', { params: { id }, body: {} }, requestOptions)).data;
    },

    /** Newest first. */
    async listWebhookDeliveries(
      endpointId: string,
      query: ListDeliveriesQuery = {},
      requestOptions?: RequestOptions,
    ): Promise<DeliveryPage> {
      const { status, limit, cursor } = query;
      const search = { status, limit, cursor };
      return (
        await call<DeliveryPage>('listWebhookDeliveries', { params: { id: endpointId }, query: search }, requestOptions)
      ).data;
    },

    /** A new attempt of the same event, with the same `webhook-id`. */
    async redeliverWebhook(deliveryId: string, requestOptions?: RequestOptions): Promise<Delivery> {
      return (await call<Delivery>('redeliverWebhook', { params: { id: deliveryId }, body: {} }, requestOptions)).data;
    },
  };
}

export type ReviewClient = ReturnType<typeof createReviewClient>;
