/** The CSV alternative of a JSON answer, for routes whose spec says `csv: true`. */
import { z } from 'zod';
import { validationError } from '../errors';
import { csvTablesOf, encodeCsv } from './csv';
import type { AnyRouteSpec } from './define-route';

/** `?format=` decides when present; otherwise an `Accept` that names `text/csv`. */
export function wantsCsv(request: Request): boolean {
  const format = new URL(request.url).searchParams.get('format');
  if (format !== null) return format === 'csv';
  return /(^|[\s,])text\/csv\b/i.test(request.headers.get('accept') ?? '');
}

/** The table `?table=` names (by default the first) of the JSON body, as a CSV download. */
export function csvResponse(spec: AnyRouteSpec, body: unknown, request: Request): Response {
  if (!(spec.response instanceof z.ZodObject)) throw new Error(`${spec.name} offers CSV without an object response`);
  const tables = csvTablesOf(spec.response, body as Record<string, unknown>);
  const wanted = new URL(request.url).searchParams.get('table');
  const table = wanted === null ? tables[0] : tables.find((candidate) => candidate.name === wanted);
  if (!table) {
    throw validationError([
      { path: ['table'], message: `one of ${tables.map((candidate) => candidate.name).join(', ')}` },
    ]);
  }
  return new Response(encodeCsv(table), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${spec.name}-${table.name}.csv"`,
      'cache-control': 'no-store',
    },
  });
}
