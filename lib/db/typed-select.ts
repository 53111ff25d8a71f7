/**
 * A select list defined once, as column name → SQL expression and the zod type of what it yields.
 * The SQL select list, the row type and the check of each row all come from that one definition,
 * so a hand-written query's rows are validated as they arrive rather than cast to a type that may
 * have drifted from the SQL.
 */
import { z } from 'zod';
import { Prisma } from './generated/client';

export interface Column<T extends z.ZodType = z.ZodType> {
  sql: Prisma.Sql;
  type: T;
}

export type Columns = Record<string, Column>;

/** The row a select list yields. */
export type RowOf<C extends Columns> = { [K in keyof C]: z.output<C[K]['type']> };

export function column<T extends z.ZodType>(sql: string | Prisma.Sql, type: T): Column<T> {
  return { sql: typeof sql === 'string' ? Prisma.raw(sql) : sql, type };
}

/** `expression AS name, …`; names are our own snake_case identifiers, never input. */
export function selectList(columns: Columns): Prisma.Sql {
  return Prisma.join(
    Object.entries(columns).map(([name, { sql }]) => Prisma.sql`${sql} AS ${Prisma.raw(name)}`),
    ', ',
  );
}

/** The zod schema of a row of `columns`; unknown columns are dropped. */
export function rowSchema<C extends Columns>(columns: C): z.ZodType<RowOf<C>> {
  const shape = Object.fromEntries(Object.entries(columns).map(([name, { type }]) => [name, type]));
  return z.object(shape) as unknown as z.ZodType<RowOf<C>>;
}
