/**
 * Shapes of the insight routes (GET /v1/stats/*) and the organization's SLA settings: requests
 * are parsed with these and the OpenAPI document is generated from them.
 */
import { z } from 'zod';
import { ZActor, ZBlockType, ZPathId } from '../reviews/schemas';
import { MAX_PERIOD_DAYS } from './period';

/** The longest SLA an administrator can set: a year, in minutes. */
export const MAX_SLA_MINUTES = 525_600;

/** `format` and `table` choose a CSV answer; every insight route takes them. */
const ZCsvQuery = z.object({
  format: z
    .enum(['json', 'csv'])
    .optional()
    .describe('`csv` answers `text/csv` (as does `Accept: text/csv`); `json` (default) wins over the Accept header.'),
  table: z
    .string()
    .max(100)
    .optional()
    .describe(
      'Which table of the answer a CSV holds: `summary` (its single values, nested objects as `a.b` columns) or the name of one of its lists; by default the first of them.',
    ),
});

const ZDay = z.iso.date().describe('A UTC day, `YYYY-MM-DD`.');

/** `from`–`to` in UTC days, both included (lib/insight/period.ts checks the pair). */
function withPeriod<T extends z.ZodRawShape>(shape: T) {
  return ZCsvQuery.extend({
    from: ZDay.optional().describe('First UTC day of the period (default: 29 days before `to`).'),
    to: ZDay.optional().describe(
      `Last UTC day of the period, included (default: today); at most ${MAX_PERIOD_DAYS} days.`,
    ),
    ...shape,
  });
}

export const ZQueueStatsQuery = ZCsvQuery.extend({
  workflow_id: ZPathId.optional().describe('Only items of this workflow.'),
  block_type: ZBlockType.optional().describe('Only items of this block type.'),
});

export const ZDecisionStatsQuery = withPeriod({
  bucket: z.enum(['day', 'week']).default('day').describe('`day` (default) or `week` (ISO weeks, from Monday).'),
  workflow_id: ZPathId.optional().describe('Only decisions of this workflow.'),
});

export const ZCorrectionStatsQuery = withPeriod({
  workflow_id: ZPathId.describe('The workflow whose fields to rank (required).'),
});

const ZCount = z.number().int();
const ZTimestamp = z.string().describe('ISO-8601 UTC with milliseconds');
const ZSeconds = z.number().describe('seconds');

export const ZQueueStats = z
  .object({
    awaiting: ZCount,
    oldest_awaiting_since: ZTimestamp.nullable(),
    wait_seconds: z
      .object({ p50: ZSeconds.nullable(), p90: ZSeconds.nullable(), p99: ZSeconds.nullable() })
      .describe("Percentiles (nearest rank) of the awaiting items' current waits, since `awaiting_since`."),
    by_workflow: z.array(z.object({ workflow_id: z.string(), awaiting: ZCount, oldest_awaiting_since: ZTimestamp })),
    by_block_type: z.array(z.object({ block_type: ZBlockType, awaiting: ZCount })),
    by_priority: z.array(z.object({ priority: ZCount, awaiting: ZCount })),
    claims: z
      .object({ active: ZCount, expired: ZCount })
      .describe('Awaiting items whose claim is unexpired, and those whose claim has expired.'),
    sla: z
      .object({ breached: ZCount, at_risk: ZCount })
      .describe('Awaiting items past their SLA, and those within its last 20%.'),
  })
  .meta({ id: 'QueueStats' });

export const ZDecisionStats = z
  .object({
    series: z.array(
      z.object({
        bucket_start: z.string().describe('The UTC day, or the Monday of the week, `YYYY-MM-DD`.'),
        approved: ZCount.describe('approvals of the model output (version 0)'),
        approved_with_edits: ZCount.describe('approvals of any other version'),
        rejected: ZCount,
        median_seconds_to_decision: ZSeconds.nullable(),
      }),
    ),
    by_reviewer: z.array(
      z.object({
        actor: ZActor,
        decided: ZCount,
        approved: ZCount,
        approved_with_edits: ZCount,
        rejected: ZCount,
        median_seconds_to_decision: ZSeconds.nullable(),
      }),
    ),
  })
  .meta({ id: 'DecisionStats' });

export const ZCorrectionStats = z
  .object({
    workflow_id: z.string(),
    approved: ZCount.describe('approvals in the period, with edits or not'),
    fields: z.array(
      z.object({
        path: z.string().describe('JSON pointer'),
        approved: ZCount.describe('approvals in which version 0 or the approved version has this path'),
        corrected: ZCount.describe('approvals whose approved version differs from version 0 at this path'),
        rate: z.number().describe('`corrected` / `approved`'),
      }),
    ),
  })
  .meta({ id: 'CorrectionStats' });

const ZSlaMinutes = z.number().int().min(1).max(MAX_SLA_MINUTES);
/** A queue priority as an object key: an integer PostgreSQL can hold. */
const ZPriorityKey = z
  .string()
  .regex(/^(0|-?[1-9]\d{0,9})$/, 'a priority: an integer')
  .refine((key) => Math.abs(Number(key)) <= 2 ** 31 - 1, 'a priority: a 32-bit integer');

export const ZOrganizationSettings = z
  .object({
    sla_minutes: z.object({
      default: ZSlaMinutes.describe('Minutes an item of a priority not listed may wait.'),
      by_priority: z.record(z.string(), ZSlaMinutes).describe('Minutes per priority, keyed by the priority.'),
    }),
  })
  .meta({ id: 'OrganizationSettings' });

export const ZOrganizationSettingsPatch = z
  .object({
    sla_minutes: z
      .object({
        default: ZSlaMinutes.nullish().describe('Minutes for priorities not listed; left as it is when absent.'),
        by_priority: z
          .record(ZPriorityKey, ZSlaMinutes)
          .nullish()
          .describe('Replaces the whole list when present (`{}` clears it).'),
      })
      .describe('Minutes an awaiting item may wait before it breaches its SLA.'),
  })
  .meta({ id: 'OrganizationSettingsPatch' });

export type QueueStatsQuery = z.infer<typeof ZQueueStatsQuery>;
export type DecisionStatsQuery = z.infer<typeof ZDecisionStatsQuery>;
export type CorrectionStatsQuery = z.infer<typeof ZCorrectionStatsQuery>;
export type QueueStats = z.infer<typeof ZQueueStats>;
export type DecisionStats = z.infer<typeof ZDecisionStats>;
export type CorrectionStats = z.infer<typeof ZCorrectionStats>;
export type OrganizationSettings = z.infer<typeof ZOrganizationSettings>;
export type OrganizationSettingsPatch = z.infer<typeof ZOrganizationSettingsPatch>;
