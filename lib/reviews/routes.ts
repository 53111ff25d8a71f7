/** The review routes: the queue, gates, one overlay, its commands, and workflow runs. */
import type { ErrorCode } from '../errors';
import { defineRoute, type Reply, type SuccessSpec } from '../http/define-route';
import { JsonText } from '../http/json-text';
import {
  MAX_GATE_BODY_BYTES,
  MAX_RUN_WAIT_SECONDS,
  ZAppendVersionBody,
  ZClaimBody,
  ZClaimHolders,
  ZDecisionBody,
  ZDecisionResult,
  ZOpenGateBody,
  ZOverlayParams,
  ZQueueCounts,
  ZQueueCountsQuery,
  ZQueuePage,
  ZQueueQuery,
  ZReleaseBody,
  ZReopenBody,
  ZRevertBody,
  ZReviewOverlay,
  ZRunParams,
  ZRunQuery,
  ZRunStatus,
} from './schemas';
import type { CommandResult, DecisionOutcome } from './service';
import type { OverlayJson, QueuePageJson } from './wire';

const OVERLAY = '/v1/workflows/reviews/{run_id}/{block_id}';

const COMMAND_SUCCESS: SuccessSpec[] = [
  {
    status: 200,
    description: 'The overlay after the command (or, for a replay, as it is now).',
    headers: ['IdempotentReplayed'],
  },
];
const COMMAND_ERRORS: ErrorCode[] = ['version_conflict', 'idempotency_key_reused'];

/** Every command but /decision answers with the overlay and marks a replay with a header. */
function commandReply(result: CommandResult): Reply {
  return { body: result.overlay, headers: result.replayed ? { 'idempotent-replayed': 'true' } : {} };
}

/** The parts every overlay command shares; each route adds its body, description and errors. */
const overlayCommand = {
  method: 'POST',
  tag: 'Review commands',
  params: ZOverlayParams,
  response: ZReviewOverlay,
  success: COMMAND_SUCCESS,
  reply: commandReply,
} as const;

export const listQueueRoute = defineRoute({
  name: 'listQueue',
  method: 'GET',
  path: '/v1/workflows/reviews',
  tag: 'Reviews',
  action: 'read',
  summary: 'List the review queue',
  description: `One page of the review queue of the caller's organization, ordered and paged as described under Pagination. Filters combine: \`mine=true\` keeps items whose unexpired claim the caller holds, \`unclaimed=true\` keeps items nobody holds an unexpired claim on, \`claimed_by\` items whose unexpired claim a given actor holds, \`claim\` awaiting items whose claim holds (\`active\`) or ran out unreleased (\`expired\`), \`decided_by\` decided items whose standing decision a given actor made, \`priority\` items of one priority, \`sla\` awaiting items past (\`breached\`) or near (\`at_risk\`) their SLA; \`sort=oldest\` puts the longest-waiting first whatever the priority. \`claim\` with a decided \`status\`, and \`decided_by\` with \`awaiting_review\`, are refused with 422. \`unclaimed\`, \`claimed_by\`, \`claim\`, \`decided_by\`, \`priority\`, \`sla\` and \`sort\` are extensions to the contract, as are the \`head_version\`, \`preview\` and \`sla\` fields of each item: a client that does not send them gets the contract's queue. Booleans are \`true\`/\`false\` (or \`1\`/\`0\`).`,
  query: ZQueueQuery,
  queryExample: { status: 'awaiting_review', limit: '20' },
  response: ZQueuePage,
  success: [{ status: 200, description: 'One page of queue items.' }],
  errors: [],
  // The page is JSON text already (see QueuePageJson): it is sent, never parsed.
  reply: (page: QueuePageJson) => ({ body: page }),
});

export const countQueueRoute = defineRoute({
  name: 'countQueue',
  method: 'GET',
  path: '/v1/workflows/reviews/counts',
  tag: 'Reviews',
  action: 'read',
  summary: 'Count the queue',
  description: `How many overlays of the caller's organization are in each status, and how many awaiting ones the caller holds the claim on (\`mine\`) or nobody holds (\`unclaimed\`): the badges of the inbox. Takes the queue's filters (\`workflow_id\`, \`block_type\`, \`priority\`, \`mine\`, \`unclaimed\`, \`claimed_by\`, \`claim\`, \`decided_by\`, \`sla\`), so each number is what the queue lists under the same filters; \`status\` is not a filter here, since the answer is broken down by status. An extension to the contract.`,
  query: ZQueueCountsQuery,
  queryExample: { workflow_id: 'invoice-extraction' },
  response: ZQueueCounts,
  success: [{ status: 200, description: 'The counts.' }],
  errors: [],
});

export const listClaimHoldersRoute = defineRoute({
  name: 'listClaimHolders',
  method: 'GET',
  path: '/v1/workflows/reviews/claim-holders',
  tag: 'Reviews',
  action: 'read',
  summary: 'List who holds claims',
  description: `The people and agents holding unexpired claims on awaiting items of the caller's organization, with how many each holds, by name: the choices of the queue's \`claimed_by\` filter. An extension to the contract.`,
  response: ZClaimHolders,
  success: [{ status: 200, description: 'The claim holders.' }],
  errors: [],
});

export const openGateRoute = defineRoute({
  name: 'openGate',
  method: 'POST',
  path: '/v1/workflows/reviews',
  tag: 'Reviews',
  action: 'open_gate',
  summary: 'Open a review gate',
  description: `For the workflow engine. Creates the overlay of one gated block run at \`rev\` 0 with version 0 (\`origin\` \`model_output\`, authored by \`model\`) and marks the run \`awaiting_review\`. \`model.id\` names a model in a namespace of its own (it never resolves to a person or an agent, whatever id it carries); the model's \`display_name\` is the one the latest opened gate sent, on every version it authored. \`priority\` defaults to 0 (higher sorts first) and \`triggered_by\` to \`{ "kind": "always" }\`.

Idempotent by body: the same body again answers \`200\` with the existing overlay (nulls and omitted defaults count alike). A different body for the same run and block is \`409 gate_conflict\`, and so is a run id that already belongs to another workflow.`,
  body: ZOpenGateBody,
  maxBodyBytes: MAX_GATE_BODY_BYTES,
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
  response: ZReviewOverlay,
  success: [
    { status: 201, description: 'The gate was opened: the new overlay.' },
    { status: 200, description: 'The same body was already received: the existing overlay.' },
  ],
  errors: ['gate_conflict'],
  reply: ({ created, overlay }: { created: boolean; overlay: OverlayJson }) => ({
    status: created ? 201 : 200,
    body: overlay,
  }),
});

export const getOverlayRoute = defineRoute({
  name: 'getOverlay',
  method: 'GET',
  path: OVERLAY,
  tag: 'Reviews',
  action: 'read',
  summary: 'Get one review overlay',
  description: `The full overlay of one gated block run: every version (\`versions[0]\` is the model's output), decision and audit entry. \`ETag\` is \`"<rev>"\`: send that \`rev\` as \`version_stamp\` on the next command.`,
  params: ZOverlayParams,
  response: ZReviewOverlay,
  success: [{ status: 200, description: 'The overlay.', headers: ['ETag'] }],
  errors: [],
  reply: (overlay: OverlayJson) => ({ body: overlay, headers: { etag: `"${overlay.rev}"` } }),
});

export const appendVersionRoute = defineRoute({
  ...overlayCommand,
  name: 'appendVersion',
  path: `${OVERLAY}/versions`,
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
  errors: [...COMMAND_ERRORS, 'not_awaiting_review'],
});

export const decideRoute = defineRoute({
  name: 'decide',
  method: 'POST',
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
  params: ZOverlayParams,
  body: ZDecisionBody,
  bodyExample: { verdict: 'approved', version_stamp: 4, command_id: 'approve-run_8f2c-1' },
  response: ZDecisionResult,
  success: [{ status: 200, description: 'The submission status and the overlay.' }],
  errors: [...COMMAND_ERRORS, 'not_awaiting_review'],
  // The overlay is JSON text already (see OverlayJson): it is wrapped, never parsed.
  reply: ({ submission_status, overlay }: DecisionOutcome) => ({
    body: new JsonText(`{"submission_status":${JSON.stringify(submission_status)},"overlay":${overlay.text}}`),
  }),
});

export const claimRoute = defineRoute({
  ...overlayCommand,
  name: 'claim',
  path: `${OVERLAY}/claim`,
  action: 'claim',
  summary: 'Claim a review',
  description: `Tells others you are reviewing: sets \`claim\` to the caller with \`expires_at = now + ttl_seconds\`. If the caller already holds it, it is renewed. If another actor holds an unexpired claim, the answer is \`409 claim_held\` with \`details: { "holder", "expires_at" }\` — unless a lead or admin sends \`force: true\` and takes it over (\`force\` from any other role is \`403\`). Only while \`awaiting_review\`. The claim is advisory: the stamp, not the claim, protects every write.`,
  body: ZClaimBody,
  bodyExample: { version_stamp: 3, ttl_seconds: 900 },
  errors: [...COMMAND_ERRORS, 'not_awaiting_review', 'claim_held'],
});

export const releaseRoute = defineRoute({
  ...overlayCommand,
  name: 'release',
  path: `${OVERLAY}/release`,
  action: 'release',
  summary: 'Release a claim',
  description: `Clears the claim. The holder may release their own claim; a lead or admin may release anyone's. A reviewer releasing another actor's claim gets \`409 claim_held\`. When no unexpired claim exists the call is a \`200\` no-op that leaves \`rev\` unchanged (the stamp is still checked).`,
  body: ZReleaseBody,
  bodyExample: { version_stamp: 4 },
  errors: [...COMMAND_ERRORS, 'claim_held'],
});

export const revertRoute = defineRoute({
  ...overlayCommand,
  name: 'revert',
  path: `${OVERLAY}/revert`,
  action: 'revert',
  summary: 'Revert to an earlier version',
  description: `Appends a version with \`origin\` \`revert\`, the snapshot of \`to_seq\`, \`parent_seq = to_seq\` and \`seq = head_seq + 1\`; nothing is deleted. \`to_seq\` must be an existing version (\`422\`). Only while \`awaiting_review\`. A version past the history limits is \`422\` (see History limits).`,
  body: ZRevertBody,
  bodyExample: { to_seq: 0, version_stamp: 5, note: 'Back to the model output', command_id: 'revert-run_8f2c-1' },
  errors: [...COMMAND_ERRORS, 'not_awaiting_review'],
});

export const reopenRoute = defineRoute({
  ...overlayCommand,
  name: 'reopen',
  path: `${OVERLAY}/reopen`,
  action: 'reopen',
  summary: 'Reopen a decided review',
  description: `Leads and admins only. Returns an approved or rejected overlay to \`awaiting_review\`: clears \`effective_seq\` and \`decided_at\`, restarts \`awaiting_since\`, keeps every version and decision, and tells downstream. \`reason\` is required and non-blank (\`422\`). Reopening an overlay that is already \`awaiting_review\` is \`422 validation_error\`.`,
  body: ZReopenBody,
  bodyExample: { version_stamp: 6, reason: 'Customer disputed the total', command_id: 'reopen-run_8f2c-1' },
  errors: COMMAND_ERRORS,
});

export const getRunRoute = defineRoute({
  name: 'getRun',
  method: 'GET',
  path: '/v1/workflows/runs/{run_id}',
  tag: 'Workflow runs',
  action: 'read',
  summary: 'Get a workflow run',
  description: `The run's status and each of its gates. Approving every gate resumes the run (\`resumed\`); rejecting any gate cancels it (\`cancelled\`). A gate's \`effective_output\` is the snapshot of its effective version, or null while it has none.

For pipelines that cannot receive webhooks, \`wait_seconds\` (0–${MAX_RUN_WAIT_SECONDS}, default 0) holds the answer until the run is no longer \`awaiting_review\` — it answers within a moment of the deciding change, on any app instance — or until that many seconds have passed, then answers the run as it is.`,
  params: ZRunParams,
  query: ZRunQuery,
  queryExample: { wait_seconds: '30' },
  response: ZRunStatus,
  success: [{ status: 200, description: 'The run status.' }],
  errors: [],
  // The request's signal ends a wait whose client went away.
  passRequest: true,
});

export const REVIEW_ROUTES = [
  listQueueRoute,
  countQueueRoute,
  listClaimHoldersRoute,
  openGateRoute,
  getOverlayRoute,
  appendVersionRoute,
  decideRoute,
  claimRoute,
  releaseRoute,
  revertRoute,
  reopenRoute,
  getRunRoute,
];
