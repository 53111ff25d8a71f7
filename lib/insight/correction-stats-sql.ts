/**
 * Which fields reviewers correct, from `correction_counts`: per workflow, UTC day and JSON
 * pointer, the standing approvals that have the field and those that changed it. Each approval's
 * fields are diffed once, by the trigger that counts the decision, never on a request.
 */
import { z } from 'zod';
import { prisma } from '../db/prisma';
import type { DecisionScope } from './decision-stats-sql';

const int = z.number().int();
const ZFieldRow = z.object({ path: z.string(), approved: int, corrected: int, rate: z.number() });

/** Fields of the workflow, the most often corrected (by rate) first. */
export async function selectCorrectedFields(scope: DecisionScope & { workflowId: string }) {
  const rows = await prisma.$queryRaw<unknown[]>`
    SELECT path, sum(approved)::int AS approved, sum(corrected)::int AS corrected,
           (sum(corrected)::float8 / sum(approved)) AS rate
      FROM correction_counts
     WHERE organization_id = ${scope.organizationId}::uuid AND workflow_id = ${scope.workflowId}
       AND day BETWEEN ${scope.from}::date AND ${scope.to}::date
     GROUP BY path HAVING sum(approved) > 0
     ORDER BY rate DESC, corrected DESC, path COLLATE "C"`;
  return z.array(ZFieldRow).parse(rows);
}

/** Approvals of the workflow in the period, with edits or not. */
export async function selectApprovalCount(scope: DecisionScope & { workflowId: string }): Promise<number> {
  const rows = await prisma.$queryRaw<{ approved: number }[]>`
    SELECT coalesce(sum(approved + approved_with_edits), 0)::int AS approved
      FROM decision_counts
     WHERE organization_id = ${scope.organizationId}::uuid AND workflow_id = ${scope.workflowId}
       AND day BETWEEN ${scope.from}::date AND ${scope.to}::date`;
  return rows[0]?.approved ?? 0;
}
