/** The insight routes for leads (queue, decisions, corrections) and the organization's SLA settings. */
import { defineRoute } from '../http/define-route';
import {
  ZCorrectionStats,
  ZCorrectionStatsQuery,
  ZDecisionStats,
  ZDecisionStatsQuery,
  ZOrganizationSettings,
  ZOrganizationSettingsPatch,
  ZQueueStats,
  ZQueueStatsQuery,
} from './schemas';

const CSV = `Also as CSV: send \`Accept: text/csv\` or \`?format=csv\`. A CSV holds one table of the answer, chosen with \`table\`: \`summary\` (its single values; nested objects become \`parent.child\` columns) or one of its lists by name (a list's \`actor\` becomes \`actor.kind\`, \`actor.id\`, \`actor.display_name\`); by default the first. Texts that a spreadsheet would run as a formula are prefixed with \`'\`.`;

const stats = { method: 'GET', tag: 'Insight', action: 'view_insight', csv: true } as const;

export const getQueueStatsRoute = defineRoute({
  ...stats,
  name: 'getQueueStats',
  path: '/v1/stats/queue',
  summary: 'Queue depth, ages, claims and SLA',
  description: `The awaiting items of the organization now: how many (in all, by workflow, block type and priority), the oldest, the percentiles of their current waits (nearest rank, from \`awaiting_since\`, which a reopen restarts), their claims (active: unexpired; expired: held past \`expires_at\` and not released), and their SLA: breached once an item has waited longer than the minutes of its priority (else the default), at risk from 80% of them up to and including the SLA itself. Exact at the moment of the request. CSV tables: \`summary\`, \`by_workflow\`, \`by_block_type\`, \`by_priority\`.\n\n${CSV}`,
  query: ZQueueStatsQuery,
  queryExample: { workflow_id: 'invoice-extraction' },
  response: ZQueueStats,
  success: [{ status: 200, description: 'The queue now.' }],
  errors: [],
});

export const getDecisionStatsRoute = defineRoute({
  ...stats,
  name: 'getDecisionStats',
  path: '/v1/stats/decisions',
  summary: 'Decisions per day or week, and per reviewer',
  description: `Decisions made from \`from\` to \`to\` (UTC days, both included; by default the last 30 days up to today; at most 366 days), per day or ISO week (from Monday; the first and last weeks count only days inside the period) and per reviewer. Each decided item counts once, with its standing decision: a reopened item is taken out of the day of its earlier decision and counts again when it is decided anew. \`approved\` counts approvals of the model's output (version 0); \`approved_with_edits\`, approvals of any other version. The median time to decision runs from \`awaiting_since\` (after a reopen, the reopen) to the decision. Exact at the moment of the request. CSV tables: \`series\`, \`by_reviewer\`.\n\n${CSV}`,
  query: ZDecisionStatsQuery,
  queryExample: { bucket: 'day' },
  response: ZDecisionStats,
  success: [{ status: 200, description: 'Decisions over the period.' }],
  errors: [],
});

export const getCorrectionStatsRoute = defineRoute({
  ...stats,
  name: 'getCorrectionStats',
  path: '/v1/stats/corrections',
  summary: 'Which fields reviewers correct',
  description: `For one workflow, every field (a JSON pointer to a leaf; array items by index) of the standing approvals decided from \`from\` to \`to\` (as for decisions): in how many approvals version 0 or the approved version has it, in how many their values differ (a field added or removed differs), and the rate, highest first. Fields are compared once, when the approval is written. CSV tables: \`summary\`, \`fields\`.\n\n${CSV}`,
  query: ZCorrectionStatsQuery,
  queryExample: { workflow_id: 'invoice-extraction' },
  response: ZCorrectionStats,
  success: [{ status: 200, description: 'Fields by correction rate.' }],
  errors: [],
});

export const getOrganizationSettingsRoute = defineRoute({
  name: 'getOrganizationSettings',
  method: 'GET',
  path: '/v1/organization/settings',
  tag: 'Organization',
  action: 'view_insight',
  summary: "Get the organization's settings",
  description: `The SLA: minutes an awaiting item may wait, per priority, else the default. Until an administrator sets them, every priority has 1440 minutes (a day).`,
  response: ZOrganizationSettings,
  success: [{ status: 200, description: 'The settings.' }],
  errors: [],
});

export const updateOrganizationSettingsRoute = defineRoute({
  name: 'updateOrganizationSettings',
  method: 'PATCH',
  path: '/v1/organization/settings',
  tag: 'Organization',
  action: 'manage_settings',
  summary: "Change the organization's settings",
  description: `Sets \`sla_minutes.default\` when sent, and replaces \`sla_minutes.by_priority\` whole when sent (\`{}\` clears it). Minutes are whole numbers from 1 to 525,600 (a year); priorities are integers.`,
  body: ZOrganizationSettingsPatch,
  bodyExample: { sla_minutes: { default: 240, by_priority: { '2': 60, '3': 30 } } },
  response: ZOrganizationSettings,
  success: [{ status: 200, description: 'The settings after the change.' }],
  errors: [],
});

export const INSIGHT_ROUTES = [
  getQueueStatsRoute,
  getDecisionStatsRoute,
  getCorrectionStatsRoute,
  getOrganizationSettingsRoute,
  updateOrganizationSettingsRoute,
];
