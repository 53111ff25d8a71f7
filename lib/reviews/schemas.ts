/**
 * The one source of the review API's shapes: route handlers parse requests with these, the
 * wire mappers are typed by them, and `lib/openapi/document.ts` turns them into OpenAPI 3.1.
 * Request objects strip unknown fields (the contract ignores them) and treat `null` like absence.
 */
import { z } from 'zod';
import {
  ACTOR_KINDS,
  AUDIT_EVENTS,
  BLOCK_TYPES,
  CLAIM_STATES,
  EDIT_ORIGINS,
  OVERLAY_STATUSES,
  QUEUE_SORTS,
  ROLES,
  RUN_STATUSES,
  SLA_STATES,
  SUBMISSION_STATUSES,
  VERDICTS,
  VERSION_ORIGINS,
} from '../domain/enums';

/**
 * How much of the head version a queue item's `preview` carries. The database's snapshot_preview()
 * (migration 20261201100000_version_previews) cuts at the same numbers; queue-views.db.test.ts
 * keeps the two equal.
 */
export const PREVIEW_FIELDS = 4;
export const PREVIEW_KEY_CHARS = 40;
export const PREVIEW_VALUE_CHARS = 80;

/** The longest `note` or `reason`, in characters. */
export const MAX_TEXT_LENGTH = 4000;
export const MAX_COMMAND_ID_LENGTH = 255;
export const MAX_PATH_ID_LENGTH = 200;
/** How long a claim lasts when `ttl_seconds` is not sent. */
export const DEFAULT_CLAIM_TTL_SECONDS = 900;

export const ZCommandId = z
  .string()
  .regex(
    new RegExp(`^[A-Za-z0-9_.:-]{1,${MAX_COMMAND_ID_LENGTH}}$`),
    `1–${MAX_COMMAND_ID_LENGTH} characters of A–Z, a–z, 0–9, _ . : -`,
  )
  .describe(
    'Idempotency key, scoped to one overlay and the calling actor: a retry with the same command_id applies once.',
  );

export const ZVersionStamp = z
  .number()
  .int()
  .min(0)
  .describe('The `rev` the caller last read; a stale stamp is a 409 version_conflict.');

/** Ids that travel in URL paths: unreserved URL characters only, so a path never needs escaping. */
export const ZPathId = z
  .string()
  .regex(
    new RegExp(`^[A-Za-z0-9_.~-]{1,${MAX_PATH_ID_LENGTH}}$`),
    `1–${MAX_PATH_ID_LENGTH} characters of A–Z, a–z, 0–9, _ . ~ -`,
  );
const ZName = z.string().trim().min(1).max(255);
const ZText = z.string().max(MAX_TEXT_LENGTH);
const ZSeq = z.number().int().min(0);

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Passed through as parsed rather than rebuilt key by key: rebuilding would turn a client's
 * `"__proto__"` key into a prototype instead of keeping it as data.
 */
export const ZSnapshot = z
  .custom<Record<string, unknown>>(isJsonObject, { message: 'Invalid input: expected a JSON object' })
  .describe('A full JSON object: the complete output of the gated block, never a patch.');

export const ZBlockType = z.enum(BLOCK_TYPES);
export const ZOverlayStatus = z.enum(OVERLAY_STATUSES);
export const ZActorKind = z.enum(ACTOR_KINDS);
export const ZRole = z.enum(ROLES);

// ---- sources, schema and confidence ---------------------------------------------------------

/** A gate opening carries sources' metadata, a schema and citations: more than other bodies. */
export const MAX_GATE_BODY_BYTES = 5 * 1024 * 1024;
/** At most this many sources per gate. */
export const MAX_SOURCES = 10;
/** Uploaded files are named `file_` and 24 hex digits. */
export const FILE_ID_PATTERN = /^file_[0-9a-f]{24}$/;

const ZMimeType = z
  .string()
  .max(255)
  .regex(/^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*$/, 'a media type such as application/pdf')
  .describe('The media type, e.g. `application/pdf`; for an uploaded file, the type it was uploaded with.');

export const ZSourceRef = z
  .object({
    name: ZName.describe('What the reviewer sees, e.g. the file name.'),
    mime_type: ZMimeType,
    url: z
      .url({ protocol: /^https?$/, error: 'an http or https URL' })
      .max(4096)
      .nullish()
      .describe('Where the document is, for a document this server does not hold. Exactly one of `url` and `file_id`.'),
    file_id: z
      .string()
      .regex(FILE_ID_PATTERN, 'a file id from POST /v1/files (file_…)')
      .nullish()
      .describe('A file uploaded with `POST /v1/files` by this organization. Exactly one of `url` and `file_id`.'),
  })
  .refine((source) => (source.url == null) !== (source.file_id == null), {
    message: 'give exactly one of url and file_id',
  });

const ZUnitFraction = z.number().min(0).max(1);

export const ZCitation = z.object({
  source: z.number().int().min(0).describe('Index into `sources`.'),
  page: z.number().int().min(1).describe('1-based page; at most the page count of an uploaded PDF.'),
  bbox: z
    .tuple([ZUnitFraction, ZUnitFraction, ZUnitFraction, ZUnitFraction])
    .describe('`[x0, y0, x1, y1]` as fractions of the page, origin top left; x0 < x1 and y0 < y1.'),
  text: z.string().max(10_000).nullish().describe('The text at the box, if known.'),
});

/** A JSON object that must be kept exactly as sent (see ZSnapshot). */
const ZJsonObjectField = ZSnapshot;

const sourcesFields = {
  sources: z
    .array(ZSourceRef)
    .max(MAX_SOURCES)
    .nullish()
    .describe(
      `The documents the output was extracted from (at most ${MAX_SOURCES}); citations point into them by index.`,
    ),
  json_schema: ZJsonObjectField.nullish().describe(
    'The JSON Schema (draft 2020-12) of the output. `model_output` must validate against it, and so must every later snapshot (`422 schema_mismatch`).',
  ),
  likelihoods: ZJsonObjectField.nullish().describe(
    "The model's confidence: an object shaped like `model_output` (a subset of its keys and items) whose leaves are numbers from 0 to 1, one per scalar of the output.",
  ),
  citations: z
    .record(z.string().regex(/^(\/.*)?$/, 'a JSON pointer (RFC 6901) into model_output'), z.array(ZCitation).max(100))
    .nullish()
    .describe(
      'Where each value was read: keys are JSON pointers (RFC 6901) to places that exist in `model_output`, values lists of boxes in the sources.',
    ),
};

// ---- requests ------------------------------------------------------------------------------

export const ZAppendVersionBody = z
  .object({
    snapshot: ZSnapshot,
    version_stamp: ZVersionStamp,
    origin: z
      .enum(EDIT_ORIGINS)
      .nullish()
      .describe('`human_edit` (default) or `agent_edit`. Integration keys must send `agent_edit`.'),
    note: ZText.nullish().describe('Why the output was changed.'),
    command_id: ZCommandId.nullish(),
  })
  .meta({ id: 'AppendVersionRequest' });

export const ZDecisionBody = z
  .object({
    verdict: z.enum(VERDICTS).describe('`approved` or `rejected`.'),
    version_stamp: ZVersionStamp,
    edited_output: ZSnapshot.nullish().describe(
      'Approve with an edit: appended as a new version and approved in the same call. Not with `on_seq`/`effective_seq`, nor with `rejected`.',
    ),
    on_seq: ZSeq.nullish().describe('The version the decision was made on. Default `head_seq`.'),
    effective_seq: ZSeq.nullish().describe('Approvals only: the version that flows downstream. Default `on_seq`.'),
    reason: ZText.nullish().describe('Required (non-blank) to reject.'),
    command_id: ZCommandId.nullish(),
  })
  .meta({ id: 'DecisionRequest' });

export const ZClaimBody = z
  .object({
    version_stamp: ZVersionStamp,
    ttl_seconds: z
      .number()
      .int()
      .min(30)
      .max(86400)
      .nullish()
      .describe(`How long the claim lasts, in seconds. Default ${DEFAULT_CLAIM_TTL_SECONDS}.`),
    force: z.boolean().nullish().describe('Take over another actor’s unexpired claim. Leads and admins only.'),
    command_id: ZCommandId.nullish(),
  })
  .meta({ id: 'ClaimRequest' });

export const ZReleaseBody = z
  .object({ version_stamp: ZVersionStamp, command_id: ZCommandId.nullish() })
  .meta({ id: 'ReleaseRequest' });

export const ZRevertBody = z
  .object({
    to_seq: ZSeq.describe('The existing version whose snapshot is restored.'),
    version_stamp: ZVersionStamp,
    note: ZText.nullish().describe('Why.'),
    command_id: ZCommandId.nullish(),
  })
  .meta({ id: 'RevertRequest' });

export const ZReopenBody = z
  .object({
    version_stamp: ZVersionStamp,
    reason: ZText.describe('Why the decision is reopened; required, non-blank.'),
    command_id: ZCommandId.nullish(),
  })
  .meta({ id: 'ReopenRequest' });

export const ZOpenGateBody = z
  .object({
    workflow_id: ZPathId.describe('The workflow the run belongs to.'),
    workflow_version_id: ZPathId.describe('The workflow version that produced the run.'),
    workflow_run_id: ZPathId.describe('The run; with `block_id` it names the overlay.'),
    block_id: ZPathId.describe('The gated block.'),
    block_type: ZBlockType.describe('The kind of block whose output is reviewed.'),
    model_output: ZSnapshot.describe('The block’s output: the snapshot of version 0.'),
    model: z
      .object({ id: ZName, display_name: ZName })
      .describe('The author of version 0: `{ "id", "display_name" }`.'),
    priority: z
      .number()
      .int()
      .min(-1_000_000)
      .max(1_000_000)
      .nullish()
      .describe('Higher sorts first in the queue. Default 0.'),
    triggered_by: z
      .looseObject({ kind: z.string().min(1) })
      .nullish()
      .describe('Why the gate opened, e.g. `{ "kind": "always" }` (the default) or another predicate object.'),
    ...sourcesFields,
  })
  .meta({ id: 'OpenGateRequest' });

const ZBooleanParam = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

export const ZQueueQuery = z.object({
  status: ZOverlayStatus.default('awaiting_review').describe(
    'Which queue: `awaiting_review` (default), `approved` or `rejected`.',
  ),
  workflow_id: ZPathId.optional().describe('Only items of this workflow.'),
  block_type: ZBlockType.optional().describe('Only items of this block type.'),
  priority: z.coerce
    .number()
    .int()
    .min(-1_000_000)
    .max(1_000_000)
    .optional()
    .describe('Extension: only items of this priority.'),
  mine: ZBooleanParam.optional().describe('Only items whose unexpired claim is held by the caller.'),
  unclaimed: ZBooleanParam.optional().describe('Only items nobody holds an unexpired claim on.'),
  claimed_by: ZPathId.optional().describe(
    'Extension: only items whose unexpired claim is held by the person or agent with this actor `id` (see `/v1/workflows/reviews/claim-holders`).',
  ),
  claim: z
    .enum(CLAIM_STATES)
    .optional()
    .describe(
      'Extension: only awaiting items whose claim still holds (`active`) or has expired without being released (`expired`), as `/v1/stats/queue` counts them. With `status` `approved` or `rejected`: 422.',
    ),
  decided_by: ZPathId.optional().describe(
    'Extension: only decided items whose standing decision (the latest, after any reopen) was made by the person or agent with this actor `id`; in `decided_at` order like every decided queue. With `status=awaiting_review` (the default): 422.',
  ),
  sla: z
    .enum(SLA_STATES)
    .optional()
    .describe(
      'Extension: only awaiting items past their SLA (`breached`) or in its last 20% (`at_risk`), by the minutes of `/v1/organization/settings`. Decided items never match.',
    ),
  sort: z
    .enum(QUEUE_SORTS)
    .default('queue')
    .describe(
      "Extension: `queue` (default) is the contract's order; `oldest` lists awaiting items by `awaiting_since` ascending whatever their priority, and decided items by `decided_at` ascending. A cursor pages only the sort it was issued for (else 422).",
    ),
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('Page size.'),
  cursor: z.string().max(1000).optional().describe('`next_cursor` of the previous page.'),
});

/**
 * The queue's filters, for counting: the answer is broken down by status, so `status` (like
 * `limit` and `cursor`) is not a filter here and is ignored.
 */
export const ZQueueCountsQuery = ZQueueQuery.pick({
  workflow_id: true,
  block_type: true,
  priority: true,
  mine: true,
  unclaimed: true,
  claimed_by: true,
  claim: true,
  decided_by: true,
  sla: true,
});

const ZRunIdParam = ZPathId.meta({ description: 'The workflow run id (`workflow_run_id`).', example: 'run_8f2c' });

export const ZOverlayParams = z.object({
  runId: ZRunIdParam,
  blockId: ZPathId.meta({ description: 'The id of the gated block in that run.', example: 'extract_invoice' }),
});
export const ZRunParams = z.object({ runId: ZRunIdParam });

/** The longest a `GET /v1/workflows/runs/{run_id}` may wait for a decision. */
export const MAX_RUN_WAIT_SECONDS = 60;

export const ZRunQuery = z.object({
  wait_seconds: z.coerce
    .number()
    .int()
    .min(0)
    .max(MAX_RUN_WAIT_SECONDS)
    .default(0)
    .describe(
      `Wait up to this many seconds (0–${MAX_RUN_WAIT_SECONDS}) for the run to leave awaiting_review before answering.`,
    ),
});

export type AppendVersionBody = z.infer<typeof ZAppendVersionBody>;
export type DecisionBody = z.infer<typeof ZDecisionBody>;
export type ClaimBody = z.infer<typeof ZClaimBody>;
export type ReleaseBody = z.infer<typeof ZReleaseBody>;
export type RevertBody = z.infer<typeof ZRevertBody>;
export type ReopenBody = z.infer<typeof ZReopenBody>;
export type OpenGateBody = z.infer<typeof ZOpenGateBody>;
export type SourceRef = z.infer<typeof ZSourceRef>;
export type Citation = z.infer<typeof ZCitation>;
export type QueueQuery = z.infer<typeof ZQueueQuery>;
export type QueueCountsQuery = z.infer<typeof ZQueueCountsQuery>;
export type RunParams = z.infer<typeof ZRunParams>;
export type RunQuery = z.infer<typeof ZRunQuery>;

// ---- responses -----------------------------------------------------------------------------

const ZTimestamp = z.string().describe('ISO-8601 UTC with milliseconds, e.g. 2026-05-13T09:02:51.118Z');

export const ZActor = z.object({ kind: ZActorKind, id: z.string(), display_name: z.string() }).meta({ id: 'Actor' });

export const ZOutputVersion = z
  .object({
    seq: z.number().int(),
    parent_seq: z.number().int().nullable(),
    origin: z.enum(VERSION_ORIGINS),
    author: ZActor,
    snapshot: ZSnapshot,
    content_sha256: z.string().describe('Hex SHA-256 of the snapshot as canonical JSON (keys sorted, no whitespace).'),
    note: z.string().nullable(),
    created_at: ZTimestamp,
  })
  .meta({ id: 'OutputVersion' });

export const ZReviewDecision = z
  .object({
    decision_id: z.string(),
    verdict: z.enum(VERDICTS),
    decided_by: ZActor,
    decided_at: ZTimestamp,
    on_seq: z.number().int(),
    effective_seq: z.number().int().nullable(),
    reason: z.string().nullable(),
    supersedes_decision_id: z.string().nullable(),
  })
  .meta({ id: 'ReviewDecision' });

export const ZAuditEvent = z.enum(AUDIT_EVENTS);

export const ZAuditEntry = z
  .object({
    entry_id: z.string(),
    event: ZAuditEvent,
    action: ZAuditEvent,
    actor: ZActor,
    at: ZTimestamp,
    rev_observed: z.number().int(),
    rev_result: z.number().int().nullable(),
    detail: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditEntry' });

export const ZReviewClaim = z
  .object({ holder: ZActor, claimed_at: ZTimestamp, expires_at: ZTimestamp })
  .meta({ id: 'ReviewClaim' });

const queueItemShape = {
  _id: z.string().describe('<workflow_run_id>:<block_id>, equal to block_run_id'),
  organization_id: z.string(),
  workflow_id: z.string(),
  workflow_version_id: z.string(),
  workflow_run_id: z.string(),
  block_id: z.string(),
  block_run_id: z.string(),
  block_type: ZBlockType,
  triggered_by: z.looseObject({ kind: z.string() }),
  status: ZOverlayStatus,
  awaiting_since: ZTimestamp,
  decided_at: ZTimestamp.nullable(),
  priority: z.number().int(),
  rev: z.number().int(),
  version_stamp: z.number().int(),
  claim: ZReviewClaim.nullable().describe('null when nobody holds an unexpired claim'),
  head_seq: z.number().int(),
  effective_seq: z.number().int().nullable(),
  reviewable_value: z.null(),
};

export const ZSource = z
  .object({
    name: z.string(),
    mime_type: z.string(),
    url: z
      .string()
      .describe('Where to fetch it: `/v1/files/<file_id>` for an uploaded file (same credentials as this API).'),
    file_id: z.string().nullable().describe('Extension to the contract: the uploaded file, or null for a URL source.'),
  })
  .meta({ id: 'Source' });

export const ZCitationOut = z
  .object({
    source: z.number().int(),
    page: z.number().int(),
    bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
    text: z.string().nullable(),
  })
  .meta({ id: 'CitationBox' });

/** What the gate brought besides the output: on an overlay and on its queue item alike. */
const gateContextShape = {
  sources: z.array(ZSource).describe('The documents of the gate, in the order the gate sent them; `[]` without.'),
  json_schema: ZSnapshot.nullable().describe(
    'The JSON Schema (draft 2020-12) every snapshot validates against, or null.',
  ),
  likelihoods: ZSnapshot.nullable().describe('Confidence from 0 to 1, shaped like `versions[0].snapshot`, or null.'),
  citations: z
    .record(z.string(), z.array(ZCitationOut))
    .nullable()
    .describe('JSON pointer into `versions[0].snapshot` → boxes in `sources`, or null.'),
};

export const ZReviewOverlay = z
  .object({
    ...queueItemShape,
    ...gateContextShape,
    versions: z.array(ZOutputVersion),
    decisions: z.array(ZReviewDecision),
    audit: z.array(ZAuditEntry),
  })
  .meta({ id: 'ReviewOverlay' });

export const ZQueueItem = z
  .object({
    ...queueItemShape,
    ...gateContextShape,
    head_version: z
      .object({ seq: z.number().int(), origin: ZOutputVersion.shape.origin, author: ZActor, created_at: ZTimestamp })
      .describe('Extension to the contract: who wrote the head version, for inbox rows.'),
    preview: z
      .array(z.object({ key: z.string(), value: z.union([z.string(), z.number(), z.boolean()]) }))
      .optional()
      .describe(
        `Extension to the contract: the first ${PREVIEW_FIELDS} scalar fields of the head version's snapshot, in its key order (keys cut to ${PREVIEW_KEY_CHARS} characters, strings to ${PREVIEW_VALUE_CHARS}), for a one-line summary. In queue pages; not in \`review.opened\` events.`,
      ),
    sla: z
      .object({ state: z.enum(SLA_STATES).nullable(), due_at: ZTimestamp })
      .nullable()
      .optional()
      .describe(
        'Extension to the contract: for an awaiting item, when it breaches its SLA and where it stands at the time of the answer (`null` while on time); null for decided items. In queue pages; not in `review.opened` events.',
      ),
  })
  .meta({ id: 'QueueItem' });

export const ZClaimHolders = z
  .object({
    data: z.array(
      z.object({ holder: ZActor, claims: z.number().int().describe('awaiting items whose unexpired claim they hold') }),
    ),
  })
  .meta({ id: 'ClaimHolders' });

export const ZQueuePage = z
  .object({ data: z.array(ZQueueItem), has_more: z.boolean(), next_cursor: z.string().nullable() })
  .meta({ id: 'QueuePage' });

export const ZQueueCounts = z
  .object({
    awaiting_review: z.number().int(),
    approved: z.number().int(),
    rejected: z.number().int(),
    mine: z.number().int().describe('awaiting items whose unexpired claim the caller holds'),
    unclaimed: z.number().int().describe('awaiting items nobody holds an unexpired claim on'),
  })
  .meta({ id: 'QueueCounts' });

export const ZDecisionResult = z
  .object({
    submission_status: z.enum(SUBMISSION_STATUSES),
    overlay: ZReviewOverlay,
  })
  .meta({ id: 'DecisionResult' });

export const ZRunStatus = z
  .object({
    id: z.string(),
    workflow_id: z.string(),
    status: z.enum(RUN_STATUSES),
    gates: z.array(
      z.object({
        block_id: z.string(),
        status: ZOverlayStatus,
        effective_seq: z.number().int().nullable(),
        effective_output: ZSnapshot.nullable(),
      }),
    ),
    updated_at: ZTimestamp,
  })
  .meta({ id: 'RunStatus' });

export const ZErrorEnvelope = z
  .object({
    detail: z.object({
      code: z.string(),
      message: z.string(),
      details: z.record(z.string(), z.unknown()).nullable(),
    }),
  })
  .meta({ id: 'Error' });

export type Actor = z.infer<typeof ZActor>;
export type OutputVersion = z.infer<typeof ZOutputVersion>;
export type ReviewDecision = z.infer<typeof ZReviewDecision>;
export type AuditEntry = z.infer<typeof ZAuditEntry>;
export type ReviewClaim = z.infer<typeof ZReviewClaim>;
export type ReviewOverlay = z.infer<typeof ZReviewOverlay>;
export type Source = z.infer<typeof ZSource>;
export type CitationBox = z.infer<typeof ZCitationOut>;
export type QueueItem = z.infer<typeof ZQueueItem>;
export type QueuePage = z.infer<typeof ZQueuePage>;
export type DecisionResult = z.infer<typeof ZDecisionResult>;
export type QueueCounts = z.infer<typeof ZQueueCounts>;
export type ClaimHolders = z.infer<typeof ZClaimHolders>;
export type RunStatus = z.infer<typeof ZRunStatus>;
export type ErrorEnvelope = z.infer<typeof ZErrorEnvelope>;
