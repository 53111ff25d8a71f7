/**
 * One CSV encoder for every JSON answer that offers CSV (RFC 4180, CRLF line ends). A JSON
 * object holds one or more tables: `summary`, one row of its single values (when it has any),
 * then one table per list. Nested objects become `parent.child` columns; a list inside a row is
 * written as its JSON. Columns come from the response schema, so an empty table still has its
 * header.
 */
import { z } from 'zod';

type Row = Record<string, unknown>;

export interface CsvTable {
  name: string;
  columns: string[];
  rows: Row[];
}

/** The schema with `.nullable()`, `.optional()` and `.default()` taken off. */
function unwrapped(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (current instanceof z.ZodNullable || current instanceof z.ZodOptional || current instanceof z.ZodDefault) {
    current = current.unwrap() as z.ZodType;
  }
  return current;
}

/** `a.b` column names of an object schema's leaves, in its order. */
function columnsOf(schema: z.ZodObject, prefix = ''): string[] {
  return Object.entries(schema.shape).flatMap(([key, field]) => {
    const inner = unwrapped(field as z.ZodType);
    return inner instanceof z.ZodObject ? columnsOf(inner, `${prefix}${key}.`) : [`${prefix}${key}`];
  });
}

function valueAt(row: Row, column: string): unknown {
  let value: unknown = row;
  for (const key of column.split('.')) value = (value as Row | null | undefined)?.[key];
  return value;
}

/** The tables of `body`, shaped by `schema`: `summary` first, then each list in order. */
export function csvTablesOf(schema: z.ZodObject, body: Row): CsvTable[] {
  const single: Record<string, z.ZodType> = {};
  const tables: CsvTable[] = [];
  for (const [key, field] of Object.entries(schema.shape)) {
    const inner = unwrapped(field as z.ZodType);
    const element = inner instanceof z.ZodArray ? unwrapped(inner.element as z.ZodType) : null;
    if (element instanceof z.ZodObject) {
      tables.push({ name: key, columns: columnsOf(element), rows: (body[key] as Row[] | undefined) ?? [] });
    } else {
      single[key] = field as z.ZodType;
    }
  }
  if (Object.keys(single).length === 0) return tables;
  return [{ name: 'summary', columns: columnsOf(z.object(single)), rows: [body] }, ...tables];
}

/**
 * A cell as text. A text that a spreadsheet would run as a formula (it starts with `=`, `+`,
 * `-`, `@`, a tab or a carriage return) is prefixed with `'`: names and paths come from users.
 */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (typeof value === 'string') text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  else if (typeof value === 'object') text = JSON.stringify(value);
  else text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function encodeCsv(table: CsvTable): string {
  const lines = [table.columns.map(cell), ...table.rows.map((row) => table.columns.map((c) => cell(valueAt(row, c))))];
  return lines.map((line) => `${line.join(',')}\r\n`).join('');
}
