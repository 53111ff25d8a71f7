/**
 * Hand-written SQL (`Prisma.sql` objects) sent straight through the process's `pg` pool, as
 * named statements when DATABASE_PREPARED_STATEMENTS is on. The hot paths of the review API go
 * this way: `$queryRaw` adds about 0.9 ms of the query engine's work to every round trip over
 * the same SQL on `pg` (issue #9). Errors are pg's own, which lib/db/database-errors.ts reads.
 */

import { env } from '../env';
import type { Prisma } from './generated/client';
import { databasePool } from './prisma';
import { statementName } from './statement-names';

export async function queryRows<Row = Record<string, unknown>>(sql: Prisma.Sql): Promise<Row[]> {
  const { text, values } = sql;
  const name = env.DATABASE_PREPARED_STATEMENTS ? statementName(text) : '';
  const result = await databasePool().query({ ...(name ? { name } : {}), text, values });
  return result.rows as Row[];
}
