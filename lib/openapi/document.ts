/**
 * The OpenAPI 3.1 document of the review API, derived from the route registry (lib/api), the
 * zod schemas the route handlers parse with, the role table the wrapper enforces and the code →
 * status table the error envelope uses, so the published description cannot drift from the
 * running code. Only the prose guide is written here; the numbers it quotes are read from the
 * constants that enforce them.
 */
import { z } from 'zod';
import * as adminSchemas from '../admin/schemas';
import { API_ROUTES } from '../api/registry';
import { type Action, mayCall } from '../auth/authorization';
import { SESSION_COOKIE } from '../auth/credentials';
import type { Role } from '../domain/enums';
import type { ErrorCode } from '../errors';
import * as fileSchemas from '../files/schemas';
import type { AnyRouteSpec, HeaderName } from '../http/define-route';
import { paramKey, pathParamNames } from '../http/define-route';
import { STATUS_BY_CODE } from '../http/error-status';
import { MAX_BODY_BYTES } from '../http/read-json-body';
import { MAX_REQUEST_ID_LENGTH, REQUEST_ID_PATTERN } from '../http/responses';
import { MAX_SNAPSHOT_BYTES_PER_REVIEW, MAX_VERSIONS_PER_REVIEW } from '../reviews/rules';
import * as reviewSchemas from '../reviews/schemas';
import {
  DEFAULT_CLAIM_TTL_SECONDS,
  MAX_COMMAND_ID_LENGTH,
  MAX_GATE_BODY_BYTES,
  MAX_PATH_ID_LENGTH,
  MAX_TEXT_LENGTH,
  ZRole,
} from '../reviews/schemas';
import * as webhookSchemas from '../webhooks/schemas';

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
  /** JSON (with its CSV alternative on the insight routes), or a server-sent event stream. */
  content?: {
    'application/json'?: JsonContent;
    'text/csv'?: { schema: JsonSchema };
    'text/event-stream'?: EventStreamContent;
  };
  /** The error codes this status stands for on this route. */
  'x-error-codes'?: ErrorCode[];
}

export interface BinarySchema {
  type: 'string';
  format: 'binary';
  description: string;
}

/** The component a JSON request body refers to, if the operation takes one. */
export function requestBodyRef(operation: OpenApiOperation): string | null {
  const schema = operation.requestBody?.content['application/json']?.schema;
  return schema && '$ref' in schema ? schema.$ref : null;
}

export interface OpenApiOperation {
  operationId: string;
  summary: string;
  description: string;
  tags: string[];
  parameters: (OpenApiParameter | Ref)[];
  requestBody?: {
    required: true;
    /** `application/json` with a component, or a raw body (a file) under each media type it takes. */
    content: Record<string, { schema: Ref | BinarySchema; example?: Record<string, unknown> }>;
  };
  responses: Record<string, OpenApiResponse>;
  /** Only present on public operations, as `[]`. */
  security?: Record<string, string[]>[];
  /** Roles that may call the operation; empty for a public one. */
  'x-roles': Role[];
}

export type HttpMethod = 'get' | 'post' | 'patch' | 'delete';

const MIB = 1024 * 1024;
const thousands = (n: number) => n.toLocaleString('en-US');

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

export const API_GUIDE: GuideSection[] = [
  {
    id: 'overview',
    title: 'Overview',
    body: `Review Inbox holds back the output of a gated workflow block until a person (or an agent) reviews it. The browser UI, the TypeScript client and outside API clients all use these same routes.

- Base path \`/v1\`. JSON in and out: send \`Content-Type: application/json\` with every body (else \`415\`); only a file upload (\`POST /v1/files\`) sends raw bytes.
- Request bodies are at most ${MAX_BODY_BYTES / MIB} MiB (\`413\`), a gate opening ${MAX_GATE_BODY_BYTES / MIB} MiB and a file ${fileSchemas.MAX_FILE_BYTES / MIB} MiB; \`note\` and \`reason\` are at most ${thousands(MAX_TEXT_LENGTH)} characters; \`command_id\` is 1–${MAX_COMMAND_ID_LENGTH} characters of \`[A-Za-z0-9_.:-]\`.
- Unknown body fields are ignored; wrong types are \`422\`. For an optional field, \`null\` means the same as leaving it out.
- Timestamps are ISO-8601 UTC with milliseconds, e.g. \`2026-05-13T09:02:51.118Z\`.
- Every response carries \`x-request-id\`. Send your own (1–${MAX_REQUEST_ID_LENGTH} characters of \`[A-Za-z0-9_.:-]\`) to trace a call end to end; anything else is replaced by a fresh id. Responses are never cached (\`Cache-Control: no-store\`).
- An overlay (the review of one gated block run) is named by \`{run_id}/{block_id}\`. An overlay of another organization answers \`404\`, exactly like a missing one; so does a path id outside \`[A-Za-z0-9_.~-]{1,${MAX_PATH_ID_LENGTH}}\`.`,
  },
  {
    id: 'authentication',
    title: 'Authentication',
    body: `Send an API key in the \`Api-Key\` header, or as \`Authorization: Bearer <key>\`. The browser UI uses the \`${SESSION_COOKIE}\` session cookie on the same routes: people get it from \`POST /v1/auth/sign-in\` (email and password) and end it with \`POST /v1/auth/sign-out\`. The acting actor (who is acting) comes from the credential only, never from the body. A missing, unknown or revoked credential is \`401 unauthenticated\`.

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

"The same request" means the same route and the same body fields, ignoring \`version_stamp\` and \`command_id\`: a retry may carry its old stamp or a refreshed one. Fields that are \`null\` or absent count alike, and defaults are filled in first (\`origin\` \`human_edit\`, \`ttl_seconds\` ${DEFAULT_CLAIM_TTL_SECONDS}, \`force\` false). The same \`command_id\` with a different request is \`422 idempotency_key_reused\`. Two concurrent calls with one \`command_id\` apply once.

A call that changes nothing (a release with no claim to release) records no \`command_id\`. Opening a gate is idempotent by its body instead: the same body again answers \`200\` with the existing overlay.`,
  },
  {
    id: 'history-limits',
    title: 'History limits',
    body: `Every answer about an overlay carries its whole history, so the history is capped: at most ${MAX_VERSIONS_PER_REVIEW} versions and ${MAX_SNAPSHOT_BYTES_PER_REVIEW / MIB} MiB (${MAX_SNAPSHOT_BYTES_PER_REVIEW} bytes) of snapshots per overlay, version 0 included, each snapshot counted as compact JSON in UTF-8.

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
  last_admin: 'The change would leave the organization without an enabled admin: make someone else admin first.',
  payload_too_large: `The request body is larger than the route takes (${MAX_BODY_BYTES / MIB} MiB unless it says otherwise; \`details.max_bytes\`). The connection is closed after this answer.`,
  unsupported_media_type:
    'The body was not sent as `application/json` (for a file: not as one of the accepted file types).',
  validation_error:
    'A field is missing, has the wrong type or names something the overlay does not have, or a new version would take the overlay past its history limits; see `details.issues`.',
  idempotency_key_reused: 'You already used this `command_id` on this overlay for a different request.',
  schema_mismatch:
    "The output (`model_output`, `snapshot` or `edited_output`) does not validate against the overlay's `json_schema`; `details.issues` names each failing path in the output.",
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
  schema_mismatch: { issues: [{ path: ['invoice_date'], message: 'must match format "date"' }] },
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
  {
    name: 'Files',
    description: 'Source documents that gates cite: uploaded by the workflow engine, read by reviewers.',
  },
  { name: 'Authentication', description: 'Sign-in for the browser UI: the session cookie.' },
  { name: 'Events', description: 'Live changes, pushed as server-sent events.' },
  { name: 'Webhooks', description: 'Where events are delivered downstream, and how each delivery went.' },
  { name: 'API keys', description: 'Credentials for API clients, agents and integrations.' },
  { name: 'Members', description: 'The people of the organization, and invitations.' },
  { name: 'Meta', description: 'This description of the API.' },
] as const;

// ---- derivations ---------------------------------------------------------------------------

/** Roles that may call an action, read from the same table the route wrapper enforces. */
export function rolesFor(action: Action | 'public'): Role[] {
  return action === 'public' ? [] : ZRole.options.filter((role) => mayCall(role, action));
}

/** Every code a route can answer with: its own plus the ones its kind of route always can. */
export function errorCodesFor(route: AnyRouteSpec): ErrorCode[] {
  const codes = new Set<ErrorCode>();
  if (route.action !== 'public') {
    codes.add('unauthenticated');
    // Every role may read; a mutation can still be refused to a cookie sent from another origin.
    if (route.method !== 'GET' || rolesFor(route.action).length < ZRole.options.length) codes.add('forbidden');
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

/** The schemas a route's success publishes: its JSON body, or the data of each of its events. */
function successSchemas(route: AnyRouteSpec): z.ZodType[] {
  if (route.events) return route.events.list.map((event) => event.data);
  return route.response ? [route.response] : [];
}

/**
 * Every schema of the schemas modules with a `.meta({ id })` becomes a component, so a schema added there
 * is published without a change here; so does every schema a route names. Request bodies are
 * converted in input mode (defaults stay optional, unknown fields stay allowed); everything else
 * is a response, in output mode.
 */
function componentSchemas(): { requests: z.ZodType[]; responses: z.ZodType[] } {
  const requests = [...new Set(API_ROUTES.flatMap((route) => (route.body ? [route.body] : [])))];
  const modules = [reviewSchemas, webhookSchemas, adminSchemas, fileSchemas];
  const named = modules
    .flatMap((module) => Object.values(module) as unknown[])
    .filter((value): value is z.ZodType => value instanceof z.ZodType && z.globalRegistry.get(value)?.id !== undefined);
  const routed = API_ROUTES.flatMap(successSchemas);
  const responses = [...new Set([...named, ...routed])].filter((schema) => !requests.includes(schema));
  return { requests, responses };
}

/**
 * Zod spells out the safe-integer range on every `.int()`, which says nothing a reader needs; and
 * it cannot describe the one custom schema, the snapshot, which is any JSON object.
 */
function tidySchema({
  zodSchema,
  jsonSchema,
}: {
  zodSchema: z.core.$ZodTypes;
  jsonSchema: z.core.JSONSchema.JSONSchema;
}): void {
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
    hoistDescriptions(schema);
    components[id] = schema;
  }
  return components;
}

function inlineSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { ...SCHEMA_OPTIONS, io: 'input' }) as JsonSchema;
  return rest;
}

function parametersFor(route: AnyRouteSpec): (OpenApiParameter | Ref)[] {
  const params = route.params ? (inlineSchema(route.params).properties ?? {}) : {};
  const parameters: (OpenApiParameter | Ref)[] = pathParamNames(route.path).map((name) => {
    const param = params[paramKey(name)];
    if (!param) throw new Error(`no declaration for path parameter {${name}} of ${route.path}`);
    const { description, example, ...schema } = param;
    return { name, in: 'path', required: true, description, schema, example: example as string };
  });
  if (route.query) {
    const query = inlineSchema(route.query);
    for (const [name, schema] of Object.entries(query.properties ?? {})) {
      const { description, ...rest } = schema;
      const parameter: OpenApiParameter = {
        name,
        in: 'query',
        required: query.required?.includes(name) ?? false,
        description,
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

/** `x-request-id` is on every response; the spec lists the others. */
type DocumentedHeader = HeaderName | 'XRequestId';

function headerRefs(names: DocumentedHeader[]): Record<string, Ref> {
  const wire: Record<DocumentedHeader, string> = {
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

function exampleDetails(route: AnyRouteSpec, code: ErrorCode): Record<string, unknown> | null {
  if (code === 'validation_error' && !route.body) {
    return { issues: [{ path: ['limit'], message: 'Too big: expected number to be <=200' }] };
  }
  return ERROR_EXAMPLE_DETAILS[code] ?? null;
}

function errorResponses(route: AnyRouteSpec): Record<string, OpenApiResponse> {
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

function successContent({ response, events, csv }: AnyRouteSpec): OpenApiResponse['content'] {
  if (!events) {
    const json = { schema: response ? { $ref: componentRef(metaId(response)) } : { type: 'object' } };
    if (!csv) return { 'application/json': json };
    const described = 'One table of the JSON answer (see `table`), RFC 4180 with a header line.';
    return { 'application/json': json, 'text/csv': { schema: { type: 'string', description: described } } };
  }
  return {
    'text/event-stream': {
      schema: {
        type: 'string',
        description: `Server-sent events: ${events.list.map((event) => `\`${event.name}\``).join(', ')}; \`data\` is one line of JSON.`,
      },
      example: events.example,
      'x-events': Object.fromEntries(
        events.list.map((event) => [
          event.name,
          { description: event.description, data: { $ref: componentRef(metaId(event.data)) } },
        ]),
      ),
    },
  };
}

function operationFor(route: AnyRouteSpec): OpenApiOperation {
  const roles = rolesFor(route.action);
  const responses: Record<string, OpenApiResponse> = {};
  for (const success of route.success) {
    responses[String(success.status)] = {
      description: success.description,
      headers: headerRefs(['XRequestId', ...(success.headers ?? [])]),
      ...(success.status === 204 ? {} : { content: successContent(route) }),
    };
  }
  Object.assign(responses, errorResponses(route));
  const access =
    roles.length > 0
      ? `**Roles:** ${roles.map((role) => `\`${role}\``).join(', ')}.`
      : '**Public:** no credential needed.';
  const operation: OpenApiOperation = {
    operationId: route.name,
    summary: route.summary,
    description: `${route.description}\n\n${access}`,
    tags: [route.tag],
    parameters: parametersFor(route),
    responses,
    'x-roles': roles,
  };
  if (route.rawBody) {
    const schema: BinarySchema = { type: 'string', format: 'binary', description: route.rawBody.description };
    operation.requestBody = {
      required: true,
      content: Object.fromEntries(route.rawBody.mediaTypes.map((type) => [type, { schema }])),
    };
  }
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
    const method = route.method.toLowerCase() as HttpMethod;
    if (item[method]) throw new Error(`${route.method} ${route.path} is declared twice`);
    item[method] = operationFor(route);
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
          name: SESSION_COOKIE,
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
          description: `Sets the \`${SESSION_COOKIE}\` session cookie, or clears it (\`Max-Age=0\`).`,
          required: true,
          schema: { type: 'string' },
        },
      },
      parameters: {
        RequestId: {
          name: 'x-request-id',
          in: 'header',
          required: false,
          description: `Your own id for this request (1–${MAX_REQUEST_ID_LENGTH} characters of \`[A-Za-z0-9_.:-]\`), echoed in the response.`,
          schema: { type: 'string', pattern: REQUEST_ID_PATTERN },
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
