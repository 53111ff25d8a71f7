/**
 * The OpenAPI 3.1 document of the review API, generated from the same zod schemas the route
 * handlers parse with, the same role table the wrapper enforces and the same code → status table
 * the error envelope uses, so the published description cannot drift from the running code.
 * Routes are data (`API_ROUTES`); everything else is derived from them.
 */
import { z } from 'zod';
import { ZMe, ZSignInBody } from '../auth/schemas';
import type { ErrorCode } from '../errors';
import { STATUS_BY_CODE } from '../http/error-status';
import {
  type Action,
  MAX_SNAPSHOT_BYTES_PER_REVIEW,
  MAX_VERSIONS_PER_REVIEW,
  mayCall,
  type Role,
} from '../reviews/rules';
import * as reviewSchemas from '../reviews/schemas';
import {
  ZAppendVersionBody,
  ZClaimBody,
  ZDecisionBody,
  ZDecisionResult,
  ZOpenGateBody,
  ZOverlayStatus,
  ZPathId,
  ZQueueCounts,
  ZQueueCountsQuery,
  ZQueuePage,
  ZQueueQuery,
  ZReleaseBody,
  ZReopenBody,
  ZReviewOverlay,
  ZRevertBody,
  ZRole,
  ZRunQuery,
  ZRunStatus,
} from '../reviews/schemas';

// ---- document types (the subset of OpenAPI 3.1 this document uses) ------------------------

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  [keyword: string]: unknown;
}

export type Ref = { $ref: string };

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  description?: string;
  schema: JsonSchema;
  example?: string;
}

export interface JsonContent {
  schema: JsonSchema;
  examples?: Record<string, { summary: string; value: unknown }>;
}

export interface EventStreamContent {
  schema: JsonSchema;
  example: string;
  /** Every event the stream sends, by its `event:` name, with the schema of its JSON `data:`. */
  'x-events': Record<string, { description: string; data: Ref }>;
}

export interface OpenApiResponse {
  description: string;
  headers?: Record<string, Ref>;
  /** One media type per response: JSON, or a server-sent event stream. */
  content?: { 'application/json'?: JsonContent; 'text/event-stream'?: EventStreamContent };
  /** The error codes this status stands for on this route. */
  'x-error-codes'?: ErrorCode[];
}

export interface OpenApiOperation {
  operationId: string;
  summary: string;
  description: string;
  tags: string[];
  parameters: (OpenApiParameter | Ref)[];
  requestBody?: {
    required: true;
    content: { 'application/json': { schema: Ref; example: Record<string, unknown> } };
  };
  responses: Record<string, OpenApiResponse>;
  /** Only present on public operations, as `[]`. */
  security?: Record<string, string[]>[];
  /** Roles that may call the operation; empty for a public one. */
  'x-roles': Role[];
}

export type HttpMethod = 'get' | 'post';

export interface OpenApiDocument {
  openapi: '3.1.0';
  jsonSchemaDialect: string;
  info: { title: string; version: string; description: string };
  servers: { url: string; description: string }[];
  tags: { name: string; description: string }[];
  security: Record<string, string[]>[];
  paths: Record<string, Partial<Record<HttpMethod, OpenApiOperation>>>;
  components: {
    schemas: Record<string, JsonSchema>;
    securitySchemes: Record<string, Record<string, string>>;
    headers: Record<string, { description: string; required?: boolean; schema: JsonSchema }>;
    parameters: Record<string, OpenApiParameter>;
  };
}

// ---- prose shared by the document and the /docs page ---------------------------------------

export interface GuideSection {
  id: string;
  title: string;
  /** Paragraphs separated by blank lines; lines starting with `- ` form lists; `code` and **bold** inline. */
  body: string;
}

export const SESSION_COOKIE_NAME = 'ri_session';

export const API_GUIDE: GuideSection[] = [
  {
    id: 'overview',
    title: 'Overview',
    body: `Review Inbox holds back the output of a gated workflow block until a person (or an agent) reviews it. The browser UI, the TypeScript client and outside API clients all use these same routes.

- Base path \`/v1\`. JSON in and out: send \`Content-Type: application/json\` with every body (else \`415\`).
- Request bodies are at most 1 MiB (\`413\`); \`note\` and \`reason\` are at most 4,000 characters; \`command_id\` is 1–255 characters of \`[A-Za-z0-9_.:-]\`.
- Unknown body fields are ignored; wrong types are \`422\`. For an optional field, \`null\` means the same as leaving it out.
- Timestamps are ISO-8601 UTC with milliseconds, e.g. \`2026-05-13T09:02:51.118Z\`.
- Every response carries \`x-request-id\`. Send your own (1–128 characters of \`[A-Za-z0-9_.:-]\`) to trace a call end to end; anything else is replaced by a fresh id. Responses are never cached (\`Cache-Control: no-store\`).
- An overlay (the review of one gated block run) is named by \`{run_id}/{block_id}\`. An overlay of another organization answers \`404\`, exactly like a missing one; so does a path id outside \`[A-Za-z0-9_.~-]{1,200}\`.`,
  },
  {
    id: 'authentication',
    title: 'Authentication',
    body: `Send an API key in the \`Api-Key\` header, or as \`Authorization: Bearer <key>\`. The browser UI uses the \`${SESSION_COOKIE_NAME}\` session cookie on the same routes: people get it from \`POST /v1/auth/sign-in\` (email and password) and end it with \`POST /v1/auth/sign-out\`. The acting actor (who is acting) comes from the credential only, never from the body. A missing, unknown or revoked credential is \`401 unauthenticated\`.

A mutation authenticated by the session cookie must come from a page of this origin (its \`Origin\` header must name this host), else \`403 forbidden\`; API keys carry no such restriction.

- \`reviewer\`: read, claim, release own claim, edit, revert, decide.
- \`lead\`: everything a reviewer does, plus force a claim, release any claim, reopen.
- \`admin\`: everything a lead does, plus keys, users and webhooks.
- \`integration\`: open gates, read runs and overlays, append \`agent_edit\` versions.

A role that may not call a route gets \`403 forbidden\`. Each route below lists the roles that may call it.`,
  },
  {
    id: 'compare-and-swap',
    title: 'Compare-and-swap',
    body: `Every overlay has a \`rev\` (also shown as \`version_stamp\`, and as the \`ETag\` of \`GET …/{run_id}/{block_id}\`). It starts at 0 and goes up by exactly 1 on every successful mutating call, whatever that call did.

Every mutating call carries \`version_stamp\`: the \`rev\` the caller last read. If it is not the current \`rev\`, nothing changes and the answer is \`409 version_conflict\` with \`details: { "expected", "current_rev", "head_seq", "status", "last_change": { "event", "actor", "at" } }\` — enough to tell the person what moved. Re-read the overlay and retry with the fresh stamp.

The stamp is checked right after the role, before anything about the overlay's state: a stale caller learns that first. The claim never protects anything: correctness rests on the stamp alone.`,
  },
  {
    id: 'idempotency',
    title: 'Idempotency',
    body: `Every mutating call on an overlay (\`/versions\`, \`/decision\`, \`/claim\`, \`/release\`, \`/revert\`, \`/reopen\`) accepts an optional \`command_id\`, scoped to that overlay and the calling actor: another actor's call with the same \`command_id\` is a command of its own (applied, or refused by its stamp), never a replay. A call whose \`command_id\` was already used with the same request is a replay: it changes nothing, skips the stamp check, and answers as the original did, with the current overlay. \`/decision\` reports a replay in \`submission_status\` (\`already_received\` while its downstream effect is pending delivery, \`already_applied\` once delivered); the other routes add the header \`Idempotent-Replayed: true\`.

"The same request" means the same route and the same body fields, ignoring \`version_stamp\` and \`command_id\`: a retry may carry its old stamp or a refreshed one. Fields that are \`null\` or absent count alike, and defaults are filled in first (\`origin\` \`human_edit\`, \`ttl_seconds\` 900, \`force\` false). The same \`command_id\` with a different request is \`422 idempotency_key_reused\`. Two concurrent calls with one \`command_id\` apply once.

A call that changes nothing (a release with no claim to release) records no \`command_id\`. Opening a gate is idempotent by its body instead: the same body again answers \`200\` with the existing overlay.`,
  },
  {
    id: 'history-limits',
    title: 'History limits',
    body: `Every answer about an overlay carries its whole history, so the history is capped: at most ${MAX_VERSIONS_PER_REVIEW} versions and ${MAX_SNAPSHOT_BYTES_PER_REVIEW / (1024 * 1024)} MiB (${MAX_SNAPSHOT_BYTES_PER_REVIEW} bytes) of snapshots per overlay, version 0 included, each snapshot counted as compact JSON in UTF-8.

A version past either limit — from \`/versions\`, \`/revert\` or an approval with \`edited_output\` — is \`422 validation_error\` with one issue on the field that brings it (\`snapshot\`, \`to_seq\`, \`edited_output\`) and a message that names the limit; nothing changes. The overlay can still be approved as it is (any version it has) or rejected. The limits are checked against the overlay at the \`rev\` the write is guarded by, so concurrent appends never take it past them.`,
  },
  {
    id: 'errors',
    title: 'Errors',
    body: `Every error has the body \`{ "detail": { "code": string, "message": string, "details": object | null } }\`. Branch on \`code\`, show \`message\` to people. \`validation_error\` lists one issue per field in \`details.issues\` (\`path\` and \`message\` each). \`429\` and \`503\` carry \`Retry-After\` (seconds). A \`500\` never carries a stack trace; quote its \`x-request-id\` when reporting it. No error leaves a partial write behind.`,
  },
  {
    id: 'pagination',
    title: 'Pagination',
    body: `The queue pages by opaque cursor (keyset), never by offset, so items do not shift or repeat between pages while the queue changes. Ask with \`limit\` (1–200, default 50); while \`has_more\` is true, send \`next_cursor\` back as \`cursor\`, with the same filters. A cursor pages only the \`status\` it was issued for; a cursor of another status, or one this API did not issue, is \`422\`.

Order for \`awaiting_review\`: \`priority\` descending, then \`awaiting_since\` ascending, then \`_id\`. For \`approved\` and \`rejected\`: \`decided_at\` descending, then \`_id\` descending.`,
  },
];

export const ERROR_CODE_DESCRIPTIONS: Record<ErrorCode, string> = {
  invalid_json: 'The request body is empty, not valid UTF-8, or not valid JSON.',
  unauthenticated:
    'No credential, or an unknown or revoked API key, or an ended session; for a sign-in, an email and password that do not match.',
  forbidden:
    "The caller's role may not do this, or a cookie-authenticated mutation (or a sign-in) came from another origin.",
  not_found: 'No such route, overlay or run in the caller’s organization.',
  method_not_allowed: 'The route does not answer this HTTP method; the `Allow` header lists those it does.',
  version_conflict: '`version_stamp` is not the current `rev`: re-read and retry.',
  not_awaiting_review: 'The overlay is already approved or rejected.',
  claim_held: 'Another actor holds an unexpired claim; `details` names the holder and expiry.',
  gate_conflict:
    'A gate for this run and block was opened with a different body, or the run belongs to another workflow.',
  endpoint_disabled: 'The webhook endpoint is disabled: enable it before sending it a test event or a redelivery.',
  payload_too_large: 'The request body is larger than 1 MiB. The connection is closed after this answer.',
  unsupported_media_type: 'The body was not sent as `application/json`.',
  validation_error:
    'A field is missing, has the wrong type or names something the overlay does not have, or a new version would take the overlay past its history limits; see `details.issues`.',
  idempotency_key_reused: 'You already used this `command_id` on this overlay for a different request.',
  rate_limited: 'Too many requests (for a sign-in: too many failures); retry after `Retry-After` seconds.',
  unavailable: 'The database is unavailable; retry after `Retry-After` seconds.',
  internal_error: 'An unexpected failure; logged with the request id.',
};

const ERROR_EXAMPLE_DETAILS: Partial<Record<ErrorCode, Record<string, unknown>>> = {
  version_conflict: {
    expected: 3,
    current_rev: 4,
    head_seq: 2,
    status: 'awaiting_review',
    last_change: {
      event: 'version_appended',
      actor: { kind: 'human', id: 'usr_ada', display_name: 'Ada Lovelace' },
      at: '2026-05-13T09:02:51.118Z',
    },
  },
  claim_held: {
    holder: { kind: 'human', id: 'usr_ada', display_name: 'Ada Lovelace' },
    expires_at: '2026-05-13T09:17:51.118Z',
  },
  validation_error: {
    issues: [{ path: ['version_stamp'], message: 'Invalid input: expected number, received string' }],
  },
  idempotency_key_reused: { command_id: 'approve-7f3a' },
  not_awaiting_review: { status: 'approved' },
  rate_limited: { retry_after_seconds: 840 },
};

// ---- the route table -----------------------------------------------------------------------

export const TAGS = [
  { name: 'Reviews', description: 'The queue, gate opening and reading one overlay.' },
  {
    name: 'Review commands',
    description: 'Mutations of one overlay: every one is compare-and-swap on `version_stamp`.',
  },
  { name: 'Workflow runs', description: 'What the workflow engine waits on.' },
  { name: 'Authentication', description: 'Sign-in for the browser UI: the session cookie.' },
  { name: 'Events', description: 'Live changes, pushed as server-sent events.' },
  { name: 'Meta', description: 'This description of the API.' },
] as const;

type Tag = (typeof TAGS)[number]['name'];
type HeaderName = 'XRequestId' | 'ETag' | 'IdempotentReplayed' | 'RetryAfter' | 'SetCookie';

interface SuccessBase {
  status: 200 | 201;
  description: string;
  headers?: HeaderName[];
}

/** A JSON body: the schema's component, or any object when the schema is null. */
interface JsonSuccess extends SuccessBase {
  schema: z.ZodType | null;
}

export interface ServerSentEventSpec {
  /** The `event:` field. */
  name: string;
  description: string;
  /** The JSON of the `data:` field; needs `.meta({ id })`, as it is published as a component. */
  data: z.ZodType;
}

/** A `text/event-stream` that stays open and sends these events. */
interface EventStreamSuccess extends SuccessBase {
  events: ServerSentEventSpec[];
  example: string;
}

type SuccessSpec = JsonSuccess | EventStreamSuccess;

export interface ApiRoute {
  operationId: string;
  method: HttpMethod;
  /** OpenAPI path, placeholders in snake_case: `{run_id}`, `{block_id}`. */
  path: string;
  tag: Tag;
  /** The action the route wrapper checks; `public` routes need no credential. */
  action: Action | 'public';
  summary: string;
  description: string;
  query?: z.ZodObject;
  queryExample?: Record<string, string>;
  body?: z.ZodType;
  bodyExample?: Record<string, unknown>;
  success: SuccessSpec[];
  /** Codes beyond the ones every route of its kind can give (see `errorCodesFor`). */
  errors: ErrorCode[];
}

const OVERLAY = '/v1/workflows/reviews/{run_id}/{block_id}';
const OVERLAY_REPLY: SuccessSpec[] = [
  {
    status: 200,
    description: 'The overlay after the command (or, for a replay, as it is now).',
    schema: ZReviewOverlay,
    headers: ['IdempotentReplayed'],
  },
];
const COMMAND_ERRORS: ErrorCode[] = ['version_conflict', 'idempotency_key_reused'];

// Bodies no route parses, so only the document needs them; the events and auth API tests check
// the real responses against them.
export const ZSignInResult = z
  .object({ signed_in: z.literal(true), expires_at: z.iso.datetime() })
  .meta({ id: 'SignInResult', description: 'When the new session ends, unless signed out first.' });

export const ZSignOutResult = z.object({ signed_in: z.literal(false) }).meta({ id: 'SignOutResult' });

export const ZReadyEvent = z
  .object({})
  .meta({ id: 'ReadyEvent', description: 'Always `{}`: the stream is listening from here on.' });

export const ZReviewChangedEvent = z
  .object({
    workflow_run_id: z.string(),
    block_id: z.string(),
    block_run_id: z.string().describe('`<workflow_run_id>:<block_id>`, the overlay’s `_id`.'),
    rev: z.int().min(0).describe('The overlay’s `rev` after the change.'),
    status: ZOverlayStatus,
  })
  .meta({ id: 'ReviewChangedEvent', description: 'Which overlay changed, and its new `rev` and `status`.' });

const SESSION_ROUTE_ERRORS: ErrorCode[] = ['forbidden', 'unavailable'];

export const API_ROUTES: readonly ApiRoute[] = [
  {
    operationId: 'listQueue',
    method: 'get',
    path: '/v1/workflows/reviews',
    tag: 'Reviews',
    action: 'read',
    summary: 'List the review queue',
    description: `One page of the review queue of the caller's organization, ordered and paged as described under Pagination. Filters combine: \`mine=true\` keeps items whose unexpired claim the caller holds, \`unclaimed=true\` keeps items nobody holds an unexpired claim on (\`unclaimed\` is an extension to the contract, as is the \`head_version\` field of each item). Booleans are \`true\`/\`false\` (or \`1\`/\`0\`).`,
    query: ZQueueQuery,
    queryExample: { status: 'awaiting_review', limit: '20' },
    success: [{ status: 200, description: 'One page of queue items.', schema: ZQueuePage }],
    errors: [],
  },
  {
    operationId: 'countQueue',
    method: 'get',
    path: '/v1/workflows/reviews/counts',
    tag: 'Reviews',
    action: 'read',
    summary: 'Count the queue',
    description: `How many overlays of the caller's organization are in each status, and how many awaiting ones the caller holds the claim on (\`mine\`) or nobody holds (\`unclaimed\`): the badges of the inbox. Takes the queue's filters (\`workflow_id\`, \`block_type\`, \`mine\`, \`unclaimed\`), so each number is what the queue lists under the same filters; \`status\` is not a filter here, since the answer is broken down by status. An extension to the contract.`,
    query: ZQueueCountsQuery,
    queryExample: { workflow_id: 'invoice-extraction' },
    success: [{ status: 200, description: 'The counts.', schema: ZQueueCounts }],
    errors: [],
  },
  {
    operationId: 'openGate',
    method: 'post',
    path: '/v1/workflows/reviews',
    tag: 'Reviews',
    action: 'open_gate',
    summary: 'Open a review gate',
    description: `For the workflow engine. Creates the overlay of one gated block run at \`rev\` 0 with version 0 (\`origin\` \`model_output\`, authored by \`model\`) and marks the run \`awaiting_review\`. \`model.id\` names a model in a namespace of its own (it never resolves to a person or an agent, whatever id it carries); the model's \`display_name\` is the one the latest opened gate sent, on every version it authored. \`priority\` defaults to 0 (higher sorts first) and \`triggered_by\` to \`{ "kind": "always" }\`.

Idempotent by body: the same body again answers \`200\` with the existing overlay (nulls and omitted defaults count alike). A different body for the same run and block is \`409 gate_conflict\`, and so is a run id that already belongs to another workflow.`,
    body: ZOpenGateBody,
    bodyExample: {
      workflow_id: 'wf_invoices',
      workflow_version_id: 'wfv_12',
      workflow_run_id: 'run_8f2c',
      block_id: 'extract_invoice',
      block_type: 'extract',
      model_output: { vendor: 'Acme GmbH', total: 1249.5, currency: 'EUR' },
      model: { id: 'gpt-extractor-v3', display_name: 'Invoice extractor v3' },
      priority: 10,
    },
    success: [
      { status: 201, description: 'The gate was opened: the new overlay.', schema: ZReviewOverlay },
      { status: 200, description: 'The same body was already received: the existing overlay.', schema: ZReviewOverlay },
    ],
    errors: ['gate_conflict'],
  },
  {
    operationId: 'getOverlay',
    method: 'get',
    path: OVERLAY,
    tag: 'Reviews',
    action: 'read',
    summary: 'Get one review overlay',
    description: `The full overlay of one gated block run: every version (\`versions[0]\` is the model's output), decision and audit entry. \`ETag\` is \`"<rev>"\`: send that \`rev\` as \`version_stamp\` on the next command.`,
    success: [{ status: 200, description: 'The overlay.', schema: ZReviewOverlay, headers: ['ETag'] }],
    errors: [],
  },
  {
    operationId: 'appendVersion',
    method: 'post',
    path: `${OVERLAY}/versions`,
    tag: 'Review commands',
    action: 'append_version',
    summary: 'Append an edited version',
    description: `Appends \`snapshot\` — a full replacement of the output, not a patch — as version \`seq = head_seq + 1\` with \`parent_seq = head_seq\`. The new head is what a later plain approval ships. Only while \`awaiting_review\` (else \`409 not_awaiting_review\`). \`origin\` is \`human_edit\` (default) or \`agent_edit\`; \`model_output\` or \`revert\` is \`422\`. An integration key may only append \`agent_edit\` versions (\`403\` otherwise). A version past the history limits is \`422\` (see History limits).`,
    body: ZAppendVersionBody,
    bodyExample: {
      snapshot: { vendor: 'Acme GmbH', total: 1294.5, currency: 'EUR' },
      version_stamp: 3,
      note: 'Total was misread: 1294.50',
      command_id: 'edit-run_8f2c-1',
    },
    success: OVERLAY_REPLY,
    errors: [...COMMAND_ERRORS, 'not_awaiting_review'],
  },
  {
    operationId: 'decide',
    method: 'post',
    path: `${OVERLAY}/decision`,
    tag: 'Review commands',
    action: 'decide',
    summary: 'Approve or reject',
    description: `Only while \`awaiting_review\` (else \`409 not_awaiting_review\`, unless it is an idempotent replay). Deciding needs no claim, and clears any claim.

- \`approved\`: \`on_seq\` defaults to \`head_seq\` and \`effective_seq\` to \`on_seq\`; each must be an existing seq (\`422\`). Sets \`status\` \`approved\`, \`effective_seq\` and \`decided_at\`. The effective version's snapshot flows downstream and the workflow run resumes once every gate is approved.
- \`approved\` with \`edited_output\`: in the same atomic call, appends \`edited_output\` as a new version (\`origin\` \`human_edit\` for a human caller, \`agent_edit\` otherwise; \`parent_seq\` = old head), then approves it (\`on_seq\` = \`effective_seq\` = the new seq). \`on_seq\` or \`effective_seq\` together with \`edited_output\` is \`422\`, and so is an \`edited_output\` past the history limits (see History limits).
- \`rejected\`: \`reason\` is required and non-blank (\`422\`); \`edited_output\` or \`effective_seq\` is \`422\`. Sets \`status\` \`rejected\`, \`effective_seq\` null, \`decided_at\`; the workflow run is cancelled.
- \`submission_status\` is \`accepted\` for a new decision; a replay answers \`already_received\` while its downstream effect is pending delivery and \`already_applied\` once delivered (no \`Idempotent-Replayed\` header on this route).
- After a reopen, the next decision's \`supersedes_decision_id\` names the decision it replaces.`,
    body: ZDecisionBody,
    bodyExample: { verdict: 'approved', version_stamp: 4, command_id: 'approve-run_8f2c-1' },
    success: [{ status: 200, description: 'The submission status and the overlay.', schema: ZDecisionResult }],
    errors: [...COMMAND_ERRORS, 'not_awaiting_review'],
  },
  {
    operationId: 'claim',
    method: 'post',
    path: `${OVERLAY}/claim`,
    tag: 'Review commands',
    action: 'claim',
    summary: 'Claim a review',
    description: `Tells others you are reviewing: sets \`claim\` to the caller with \`expires_at = now + ttl_seconds\` (default 900). If the caller already holds it, it is renewed. If another actor holds an unexpired claim, the answer is \`409 claim_held\` with \`details: { "holder", "expires_at" }\` — unless a lead or admin sends \`force: true\` and takes it over (\`force\` from any other role is \`403\`). Only while \`awaiting_review\`. The claim is advisory: the stamp, not the claim, protects every write.`,
    body: ZClaimBody,
    bodyExample: { version_stamp: 3, ttl_seconds: 900 },
    success: OVERLAY_REPLY,
    errors: [...COMMAND_ERRORS, 'not_awaiting_review', 'claim_held'],
  },
  {
    operationId: 'release',
    method: 'post',
    path: `${OVERLAY}/release`,
    tag: 'Review commands',
    action: 'release',
    summary: 'Release a claim',
    description: `Clears the claim. The holder may release their own claim; a lead or admin may release anyone's. A reviewer releasing another actor's claim gets \`409 claim_held\`. When no unexpired claim exists the call is a \`200\` no-op that leaves \`rev\` unchanged (the stamp is still checked).`,
    body: ZReleaseBody,
    bodyExample: { version_stamp: 4 },
    success: OVERLAY_REPLY,
    errors: [...COMMAND_ERRORS, 'claim_held'],
  },
  {
    operationId: 'revert',
    method: 'post',
    path: `${OVERLAY}/revert`,
    tag: 'Review commands',
    action: 'revert',
    summary: 'Revert to an earlier version',
    description: `Appends a version with \`origin\` \`revert\`, the snapshot of \`to_seq\`, \`parent_seq = to_seq\` and \`seq = head_seq + 1\`; nothing is deleted. \`to_seq\` must be an existing version (\`422\`). Only while \`awaiting_review\`. A version past the history limits is \`422\` (see History limits).`,
    body: ZRevertBody,
    bodyExample: { to_seq: 0, version_stamp: 5, note: 'Back to the model output', command_id: 'revert-run_8f2c-1' },
    success: OVERLAY_REPLY,
    errors: [...COMMAND_ERRORS, 'not_awaiting_review'],
  },
  {
    operationId: 'reopen',
    method: 'post',
    path: `${OVERLAY}/reopen`,
    tag: 'Review commands',
    action: 'reopen',
    summary: 'Reopen a decided review',
    description: `Leads and admins only. Returns an approved or rejected overlay to \`awaiting_review\`: clears \`effective_seq\` and \`decided_at\`, restarts \`awaiting_since\`, keeps every version and decision, and tells downstream. \`reason\` is required and non-blank (\`422\`). Reopening an overlay that is already \`awaiting_review\` is \`422 validation_error\`.`,
    body: ZReopenBody,
    bodyExample: { version_stamp: 6, reason: 'Customer disputed the total', command_id: 'reopen-run_8f2c-1' },
    success: OVERLAY_REPLY,
    errors: COMMAND_ERRORS,
  },
  {
    operationId: 'getRun',
    method: 'get',
    path: '/v1/workflows/runs/{run_id}',
    tag: 'Workflow runs',
    action: 'read',
    summary: 'Get a workflow run',
    description: `The run's status and each of its gates. Approving every gate resumes the run (\`resumed\`); rejecting any gate cancels it (\`cancelled\`). A gate's \`effective_output\` is the snapshot of its effective version, or null while it has none.

For pipelines that cannot receive webhooks, \`wait_seconds\` (0–60, default 0) holds the answer until the run is no longer \`awaiting_review\` — it answers within a moment of the deciding change, on any app instance — or until that many seconds have passed, then answers the run as it is.`,
    query: ZRunQuery,
    queryExample: { wait_seconds: '30' },
    success: [{ status: 200, description: 'The run status.', schema: ZRunStatus }],
    errors: [],
  },
  {
    operationId: 'signIn',
    method: 'post',
    path: '/v1/auth/sign-in',
    tag: 'Authentication',
    action: 'public',
    summary: 'Sign in with email and password',
    description: `For the browser UI. Checks a person's email (in any case) and password and sets the \`${SESSION_COOKIE_NAME}\` session cookie (\`HttpOnly\`, \`SameSite=Lax\`, \`Path=/\`, and \`Secure\` in production), valid for 7 days unless signed out. Only people can sign in (\`human\` actors with a reviewer, lead or admin role); agents, models and integrations use API keys.

- A wrong password and an unknown email are the same \`401 unauthenticated\`, with the same message.
- After 5 failures for one email within 15 minutes, or 30 from one client address (the first \`X-Forwarded-For\` entry, else \`X-Real-IP\`), every sign-in for that email or from that address is \`429 rate_limited\`, even with the right password, until the oldest of those failures is 15 minutes old; \`Retry-After\` says when.
- The request must come from a page of this origin (its \`Origin\` names this host), else \`403 forbidden\`: a cross-site form must not sign a visitor in to someone else's account.`,
    body: ZSignInBody,
    bodyExample: { email: 'ada@example.com', password: 'correct horse battery staple' },
    success: [
      { status: 200, description: 'Signed in: the session cookie is set.', schema: ZSignInResult, headers: ['SetCookie'] },
    ],
    errors: ['unauthenticated', 'rate_limited', ...SESSION_ROUTE_ERRORS],
  },
  {
    operationId: 'signOut',
    method: 'post',
    path: '/v1/auth/sign-out',
    tag: 'Authentication',
    action: 'public',
    summary: 'Sign out',
    description: `Revokes the session of the \`${SESSION_COOKIE_NAME}\` cookie, if the request carries one, and clears the cookie: the old cookie is \`401\` from then on. Answers \`200\` with or without a session. Like sign-in, it must come from a page of this origin (\`403\`).`,
    success: [
      { status: 200, description: 'Signed out: the cookie is cleared.', schema: ZSignOutResult, headers: ['SetCookie'] },
    ],
    errors: SESSION_ROUTE_ERRORS,
  },
  {
    operationId: 'getMe',
    method: 'get',
    path: '/v1/auth/me',
    tag: 'Authentication',
    action: 'read',
    summary: 'Who is calling',
    description:
      'The actor behind the credential (session cookie or API key), its role and its organization. The UI asks it whether its session is still open.',
    success: [{ status: 200, description: 'The calling actor.', schema: ZMe }],
    errors: [],
  },
  {
    operationId: 'streamEvents',
    method: 'get',
    path: '/v1/events',
    tag: 'Events',
    action: 'read',
    summary: 'Stream live review changes',
    description: `A stream of [server-sent events](https://html.spec.whatwg.org/multipage/server-sent-events.html) (\`text/event-stream\`; the browser's \`EventSource\` reads it) that stays open and announces every committed change to an overlay of the caller's organization: a gate opening and every command that moved its \`rev\`. An event says only which overlay changed and its new \`rev\` and \`status\`; read the overlay or the queue for the rest, and skip an event whose \`rev\` you already have.

- \`ready\` (data \`{}\`) comes first: the stream is listening from then on.
- \`review_changed\` (data \`ReviewChangedEvent\`) follows each change, in commit order.
- A comment line \`: keep-alive\` every 15 seconds keeps proxies from closing an idle stream; ignore it.
- The stream opens with \`retry: 2000\`: an \`EventSource\` reconnects by itself 2 seconds after the connection drops. Events carry no \`id\` and nothing missed while disconnected is replayed, so refetch what you show on every \`ready\`, the first one included.

Being a GET, a cookie-authenticated stream needs no \`Origin\`.`,
    success: [
      {
        status: 200,
        description: 'The event stream; it ends only when the client disconnects.',
        events: [
          { name: 'ready', description: 'Sent once, first: the stream is listening.', data: ZReadyEvent },
          {
            name: 'review_changed',
            description: 'An overlay of the caller’s organization changed.',
            data: ZReviewChangedEvent,
          },
        ],
        example: [
          'retry: 2000\nevent: ready\ndata: {}',
          'event: review_changed\ndata: {"workflow_run_id":"run_8f2c","block_id":"extract_invoice","block_run_id":"run_8f2c:extract_invoice","rev":4,"status":"awaiting_review"}',
          ': keep-alive',
          '',
        ].join('\n\n'),
      },
    ],
    errors: [],
  },
  {
    operationId: 'getOpenApiDocument',
    method: 'get',
    path: '/v1/openapi.json',
    tag: 'Meta',
    action: 'public',
    summary: 'Get this OpenAPI document',
    description: 'This OpenAPI 3.1 document. Public: no credential needed.',
    success: [{ status: 200, description: 'The OpenAPI 3.1 document.', schema: null }],
    errors: [],
  },
];

// ---- derivations ---------------------------------------------------------------------------

/** Roles that may call an action, read from the same table the route wrapper enforces. */
export function rolesFor(action: ApiRoute['action']): Role[] {
  return action === 'public' ? [] : ZRole.options.filter((role) => mayCall(role, action));
}

export function pathParamNames(path: string): string[] {
  return [...path.matchAll(/\{([a-z_]+)\}/g)].map((match) => match[1] as string);
}

/** Every code a route can answer with: its own plus the ones its kind of route always can. */
export function errorCodesFor(route: ApiRoute): ErrorCode[] {
  const codes = new Set<ErrorCode>();
  if (route.action !== 'public') {
    codes.add('unauthenticated');
    // Every role may read; a mutation can still be refused to a cookie sent from another origin.
    if (route.method !== 'get' || rolesFor(route.action).length < ZRole.options.length) codes.add('forbidden');
  }
  if (pathParamNames(route.path).length > 0) codes.add('not_found');
  if (route.query) codes.add('validation_error');
  if (route.body) {
    for (const code of ['invalid_json', 'payload_too_large', 'unsupported_media_type', 'validation_error'] as const) {
      codes.add(code);
    }
  }
  for (const code of route.errors) codes.add(code);
  if (route.action !== 'public') {
    codes.add('rate_limited');
    codes.add('unavailable');
  }
  codes.add('internal_error');
  return [...codes].sort((a, b) => STATUS_BY_CODE[a] - STATUS_BY_CODE[b]);
}

const PATH_PARAMS: Record<string, { schema: z.ZodType; description: string; example: string }> = {
  run_id: {
    schema: ZPathId,
    description: 'The workflow run id (`workflow_run_id`).',
    example: 'run_8f2c',
  },
  block_id: {
    schema: ZPathId,
    description: 'The id of the gated block in that run.',
    example: 'extract_invoice',
  },
};

/** The schemas a success response publishes: its JSON body, or the data of each of its events. */
function successSchemas(success: SuccessSpec): z.ZodType[] {
  if ('events' in success) return success.events.map((event) => event.data);
  return success.schema ? [success.schema] : [];
}

/**
 * Every schema of schemas.ts with a `.meta({ id })` becomes a component, so a schema added there
 * is published without a change here; so does every schema a route names. Request bodies are
 * converted in input mode (defaults stay optional, unknown fields stay allowed); everything else
 * is a response, in output mode.
 */
function componentSchemas(): { requests: z.ZodType[]; responses: z.ZodType[] } {
  const requests = [...new Set(API_ROUTES.flatMap((route) => (route.body ? [route.body] : [])))];
  const named = (Object.values(reviewSchemas) as unknown[]).filter(
    (value): value is z.ZodType => value instanceof z.ZodType && z.globalRegistry.get(value)?.id !== undefined,
  );
  const routed = API_ROUTES.flatMap((route) => route.success.flatMap(successSchemas));
  const responses = [...new Set([...named, ...routed])].filter((schema) => !requests.includes(schema));
  return { requests, responses };
}

/** Field descriptions from the contract, where the zod schema has none of its own. */
const FIELD_NOTES: Record<string, Record<string, string>> = {
  OpenGateRequest: {
    workflow_id: 'The workflow the run belongs to.',
    workflow_version_id: 'The workflow version that produced the run.',
    workflow_run_id: 'The run; with `block_id` it names the overlay.',
    block_id: 'The gated block.',
    block_type: 'The kind of block whose output is reviewed.',
    model_output: 'The block’s output: the snapshot of version 0.',
    model: 'The author of version 0: `{ "id", "display_name" }`.',
    priority: 'Higher sorts first in the queue. Default 0.',
    triggered_by: 'Why the gate opened, e.g. `{ "kind": "always" }` (the default) or another predicate object.',
  },
  AppendVersionRequest: {
    origin: '`human_edit` (default) or `agent_edit`. Integration keys must send `agent_edit`.',
    note: 'Why the output was changed; up to 4,000 characters.',
  },
  DecisionRequest: {
    verdict: '`approved` or `rejected`.',
    edited_output:
      'Approve with an edit: appended as a new version and approved in the same call. Not with `on_seq`/`effective_seq`, nor with `rejected`.',
    on_seq: 'The version the decision was made on. Default `head_seq`.',
    effective_seq: 'Approvals only: the version that flows downstream. Default `on_seq`.',
    reason: 'Required (non-blank) to reject; up to 4,000 characters.',
  },
  ClaimRequest: {
    ttl_seconds: 'How long the claim lasts: 30–86400 seconds. Default 900.',
    force: 'Take over another actor’s unexpired claim. Leads and admins only.',
  },
  RevertRequest: {
    to_seq: 'The existing version whose snapshot is restored.',
    note: 'Why; up to 4,000 characters.',
  },
  ReopenRequest: { reason: 'Why the decision is reopened; required, non-blank, up to 4,000 characters.' },
};

const QUERY_NOTES: Record<string, string> = {
  status: 'Which queue: `awaiting_review` (default), `approved` or `rejected`.',
  workflow_id: 'Only items of this workflow.',
  block_type: 'Only items of this block type.',
  limit: 'Page size, 1–200. Default 50.',
};

/**
 * Zod spells out the safe-integer range on every `.int()`, which says nothing a reader needs; and
 * it cannot describe the one custom schema, the snapshot, which is any JSON object.
 */
function tidySchema({ zodSchema, jsonSchema }: { zodSchema: z.core.$ZodTypes; jsonSchema: z.core.JSONSchema.JSONSchema }): void {
  if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
  if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
  if (zodSchema._zod.def.type === 'custom') jsonSchema.type = 'object';
}

const SCHEMA_OPTIONS = { target: 'draft-2020-12', unrepresentable: 'any', override: tidySchema } as const;

/** A nullable field carries its description on the non-null branch; readers look at the field. */
function hoistDescriptions(schema: JsonSchema): void {
  for (const property of Object.values(schema.properties ?? {})) {
    if (property.description === undefined) {
      const described = property.anyOf?.find((branch) => branch.description !== undefined);
      if (described) property.description = described.description;
    }
    hoistDescriptions(property);
    if (property.items) hoistDescriptions(property.items);
  }
}

function componentRef(id: string): string {
  return `#/components/schemas/${id}`;
}

function metaId(schema: z.ZodType): string {
  const id = z.globalRegistry.get(schema)?.id;
  if (!id) throw new Error('every schema published as a component needs .meta({ id })');
  return id;
}

function convertComponents(schemas: z.ZodType[], io: 'input' | 'output'): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const schema of schemas) registry.add(schema, { id: metaId(schema) });
  const converted = z.toJSONSchema(registry, { ...SCHEMA_OPTIONS, io, uri: componentRef }).schemas;
  const components: Record<string, JsonSchema> = {};
  for (const [id, payload] of Object.entries(converted)) {
    // Zod files a named schema it was not given under `__shared`; that would be a dangling $ref.
    if (id === '__shared') throw new Error(`a named schema is missing from the ${io} component list`);
    const { $schema: _dialect, $id: _id, ...schema } = payload as JsonSchema;
    for (const [field, note] of Object.entries(FIELD_NOTES[id] ?? {})) {
      const property = schema.properties?.[field];
      if (property && property.description === undefined) property.description = note;
    }
    hoistDescriptions(schema);
    components[id] = schema;
  }
  return components;
}

function inlineSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { ...SCHEMA_OPTIONS, io: 'input' }) as JsonSchema;
  return rest;
}

function parametersFor(route: ApiRoute): (OpenApiParameter | Ref)[] {
  const parameters: (OpenApiParameter | Ref)[] = pathParamNames(route.path).map((name) => {
    const param = PATH_PARAMS[name];
    if (!param) throw new Error(`no declaration for path parameter {${name}} of ${route.path}`);
    return {
      name,
      in: 'path',
      required: true,
      description: param.description,
      schema: inlineSchema(param.schema),
      example: param.example,
    };
  });
  if (route.query) {
    const query = inlineSchema(route.query);
    for (const [name, schema] of Object.entries(query.properties ?? {})) {
      const { description, ...rest } = schema;
      const parameter: OpenApiParameter = {
        name,
        in: 'query',
        required: query.required?.includes(name) ?? false,
        description: description ?? QUERY_NOTES[name],
        schema: rest,
      };
      const example = route.queryExample?.[name];
      if (example !== undefined) parameter.example = example;
      parameters.push(parameter);
    }
  }
  parameters.push({ $ref: '#/components/parameters/RequestId' });
  return parameters;
}

function headerRefs(names: HeaderName[]): Record<string, Ref> {
  const wire: Record<HeaderName, string> = {
    XRequestId: 'x-request-id',
    ETag: 'ETag',
    IdempotentReplayed: 'Idempotent-Replayed',
    RetryAfter: 'Retry-After',
    SetCookie: 'Set-Cookie',
  };
  return Object.fromEntries(names.map((name) => [wire[name], { $ref: `#/components/headers/${name}` }]));
}

/** Example messages read like the server's: plain text, no markdown. */
function plainText(markdown: string): string {
  return markdown.replace(/`/g, '');
}

function exampleDetails(route: ApiRoute, code: ErrorCode): Record<string, unknown> | null {
  if (code === 'validation_error' && !route.body) {
    return { issues: [{ path: ['limit'], message: 'Too big: expected number to be <=200' }] };
  }
  return ERROR_EXAMPLE_DETAILS[code] ?? null;
}

function errorResponses(route: ApiRoute): Record<string, OpenApiResponse> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of errorCodesFor(route)) {
    const status = STATUS_BY_CODE[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: Record<string, OpenApiResponse> = {};
  for (const [status, codes] of byStatus) {
    responses[String(status)] = {
      description: codes.map((code) => `\`${code}\`: ${ERROR_CODE_DESCRIPTIONS[code]}`).join('\n\n'),
      headers: headerRefs(status === 429 || status === 503 ? ['XRequestId', 'RetryAfter'] : ['XRequestId']),
      content: {
        'application/json': {
          schema: { $ref: componentRef('Error') },
          examples: Object.fromEntries(
            codes.map((code) => [
              code,
              {
                summary: code,
                value: {
                  detail: {
                    code,
                    message: plainText(ERROR_CODE_DESCRIPTIONS[code]),
                    details: exampleDetails(route, code),
                  },
                },
              },
            ]),
          ),
        },
      },
      'x-error-codes': codes,
    };
  }
  return responses;
}

function successContent(success: SuccessSpec): OpenApiResponse['content'] {
  if (!('events' in success)) {
    return {
      'application/json': {
        schema: success.schema ? { $ref: componentRef(metaId(success.schema)) } : { type: 'object' },
      },
    };
  }
  return {
    'text/event-stream': {
      schema: {
        type: 'string',
        description: `Server-sent events: ${success.events.map((event) => `\`${event.name}\``).join(', ')}; \`data\` is one line of JSON.`,
      },
      example: success.example,
      'x-events': Object.fromEntries(
        success.events.map((event) => [
          event.name,
          { description: event.description, data: { $ref: componentRef(metaId(event.data)) } },
        ]),
      ),
    },
  };
}

function operationFor(route: ApiRoute): OpenApiOperation {
  const roles = rolesFor(route.action);
  const responses: Record<string, OpenApiResponse> = {};
  for (const success of route.success) {
    responses[String(success.status)] = {
      description: success.description,
      headers: headerRefs(['XRequestId', ...(success.headers ?? [])]),
      content: successContent(success),
    };
  }
  Object.assign(responses, errorResponses(route));
  const access =
    roles.length > 0
      ? `**Roles:** ${roles.map((role) => `\`${role}\``).join(', ')}.`
      : '**Public:** no credential needed.';
  const operation: OpenApiOperation = {
    operationId: route.operationId,
    summary: route.summary,
    description: `${route.description}\n\n${access}`,
    tags: [route.tag],
    parameters: parametersFor(route),
    responses,
    'x-roles': roles,
  };
  if (route.body) {
    operation.requestBody = {
      required: true,
      content: {
        'application/json': { schema: { $ref: componentRef(metaId(route.body)) }, example: route.bodyExample ?? {} },
      },
    };
  }
  if (route.action === 'public') operation.security = [];
  return operation;
}

export function buildOpenApiDocument(): OpenApiDocument {
  const { requests, responses } = componentSchemas();
  const responseComponents = convertComponents(responses, 'output');
  const requestComponents = convertComponents(requests, 'input');
  for (const id of Object.keys(requestComponents)) {
    if (id in responseComponents) throw new Error(`schema id ${id} is used both as a request and as a response`);
  }

  const paths: OpenApiDocument['paths'] = {};
  for (const route of API_ROUTES) {
    const item = paths[route.path] ?? {};
    if (item[route.method]) throw new Error(`${route.method.toUpperCase()} ${route.path} is declared twice`);
    item[route.method] = operationFor(route);
    paths[route.path] = item;
  }

  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Review Inbox API',
      version: '1.0.0',
      description: API_GUIDE.map((section) => `## ${section.title}\n\n${section.body}`).join('\n\n'),
    },
    servers: [{ url: '/', description: 'This Review Inbox server' }],
    tags: TAGS.map((tag) => ({ ...tag })),
    security: [{ ApiKey: [] }, { BearerAuth: [] }, { SessionCookie: [] }],
    paths,
    components: {
      schemas: { ...responseComponents, ...requestComponents },
      securitySchemes: {
        ApiKey: { type: 'apiKey', in: 'header', name: 'Api-Key', description: 'An API key, for API clients.' },
        BearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: 'The same API key as `Authorization: Bearer <key>`.',
        },
        SessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: SESSION_COOKIE_NAME,
          description: 'The browser session of the UI; mutations must come from this origin.',
        },
      },
      headers: {
        XRequestId: {
          description: 'The id of this request: the one the client sent, if well-formed, else a new one.',
          required: true,
          schema: { type: 'string' },
        },
        ETag: { description: 'The overlay’s `rev`, quoted: `"<rev>"`.', required: true, schema: { type: 'string' } },
        IdempotentReplayed: {
          description:
            '`true` when the `command_id` was already applied with the same request: nothing changed this time.',
          schema: { type: 'string', enum: ['true'] },
        },
        RetryAfter: { description: 'Seconds to wait before retrying.', required: true, schema: { type: 'string' } },
        SetCookie: {
          description: `Sets the \`${SESSION_COOKIE_NAME}\` session cookie, or clears it (\`Max-Age=0\`).`,
          required: true,
          schema: { type: 'string' },
        },
      },
      parameters: {
        RequestId: {
          name: 'x-request-id',
          in: 'header',
          required: false,
          description: 'Your own id for this request (1–128 characters of `[A-Za-z0-9_.:-]`), echoed in the response.',
          schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{1,128}$' },
        },
      },
    },
  };
}

let cached: OpenApiDocument | undefined;

/** Built once per process: the schemas cannot change while it runs. */
export function getOpenApiDocument(): OpenApiDocument {
  cached ??= buildOpenApiDocument();
  return cached;
}
