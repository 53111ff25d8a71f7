/** The period of a decisions or corrections question, in UTC days; pure. */
import { validationError } from '../errors';

/** The longest period `from`–`to` covers, in days: a year, leap day included. */
export const MAX_PERIOD_DAYS = 366;
/** The default period: the last 30 days, today (UTC) included. */
export const DEFAULT_PERIOD_DAYS = 30;

const DAY_MS = 86_400_000;
const dayOf = (at: number) => new Date(at).toISOString().slice(0, 10);

export interface Period {
  /** `YYYY-MM-DD`, both included. */
  from: string;
  to: string;
}

/**
 * `to` defaults to today and `from` to 29 days before `to`; a reversed period or one longer
 * than a year is a validation error on `from`.
 */
export function resolvePeriod(query: { from?: string | undefined; to?: string | undefined }, now: Date): Period {
  const to = query.to ?? dayOf(now.getTime());
  const from = query.from ?? dayOf(Date.parse(to) - (DEFAULT_PERIOD_DAYS - 1) * DAY_MS);
  const days = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;
  if (days < 1) throw validationError([{ path: ['from'], message: `\`from\` (${from}) is after \`to\` (${to})` }]);
  if (days > MAX_PERIOD_DAYS) {
    throw validationError([{ path: ['from'], message: `a period covers at most ${MAX_PERIOD_DAYS} days` }]);
  }
  return { from, to };
}
