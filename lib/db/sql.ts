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

/** `''` is the protocol's unnamed statement, parsed and planned afresh on every call. */
const nameOf = (text: string) => (env.DATABASE_PREPARED_STATEMENTS ? statementName(text) : '');

async function send<Row>(text: string, name: string, values: unknown[]): Promise<Row[]> {
  const result = await databasePool().query({ ...(name ? { name } : {}), text, values });
  return result.rows as Row[];
}

export async function queryRows<Row = Record<string, unknown>>(sql: Prisma.Sql): Promise<Row[]> {
  // `text` is a getter that joins the fragments on every read: read it once.
  const { text, values } = sql;
  return send<Row>(text, nameOf(text), values);
}

/** Where a statement built once takes the value of one of its arguments (see `statement`). */
export class Slot {
  constructor(readonly key: string) {}
}

/** A value in a statement's SQL: given, or taken from the call's arguments. */
export type SqlValue<T> = T | Slot;

export interface Statement<Args> {
  rows<Row = Record<string, unknown>>(args: Args): Promise<Row[]>;
}

/**
 * A statement whose text is built, and named, once when its module loads; a call only fills in
 * the values. `build` gets a slot per argument to put where a value goes. The hot statements are
 * kilobytes of SQL in dozens of fragments: assembling that text and hashing it for its name on
 * every request cost more JavaScript than sending it.
 */
export function statement<Args extends object>(
  build: (args: { [K in keyof Args]: Slot }) => Prisma.Sql,
): Statement<Args> {
  const slots = new Proxy({} as { [K in keyof Args]: Slot }, { get: (_, key) => new Slot(String(key)) });
  const sql = build(slots);
  const text = sql.text;
  const name = nameOf(text);
  const values = sql.values;
  return {
    rows: <Row>(args: Args) =>
      send<Row>(
        text,
        name,
        values.map((value) => (value instanceof Slot ? (args as Record<string, unknown>)[value.key] : value)),
      ),
  };
}
