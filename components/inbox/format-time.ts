const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A compact elapsed time for dense rows: "now", "12 min", "3 h", "2 d". */
export function formatElapsed(from: string, now: number): string {
  const ms = Math.max(0, now - Date.parse(from));
  if (ms < MINUTE) return 'now';
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} min`;
  if (ms < 2 * DAY) return `${Math.floor(ms / HOUR)} h`;
  return `${Math.floor(ms / DAY)} d`;
}

/** The same, spelled out for screen readers and tooltips: "3 hours", "1 minute". */
export function formatElapsedLong(from: string, now: number): string {
  const ms = Math.max(0, now - Date.parse(from));
  const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;
  if (ms < MINUTE) return 'less than a minute';
  if (ms < HOUR) return plural(Math.floor(ms / MINUTE), 'minute');
  if (ms < 2 * DAY) return plural(Math.floor(ms / HOUR), 'hour');
  return plural(Math.floor(ms / DAY), 'day');
}

/** Time left on a claim, rounded up so "0 min left" never shows while it still holds: "12 min left". */
export function formatTimeLeft(until: string, now: number): string {
  const ms = Date.parse(until) - now;
  if (ms <= 0) return 'expired';
  if (ms < HOUR) return `${Math.ceil(ms / MINUTE)} min left`;
  if (ms < 2 * DAY) return `${Math.floor(ms / HOUR)} h left`;
  return `${Math.floor(ms / DAY)} d left`;
}

/** A local time, with the date only when it is not today: "15:42", "Nov 20, 2026, 09:15". */
export function formatTimestamp(iso: string, now: number = Date.now()): string {
  const date = new Date(iso);
  const today = new Date(now).toDateString() === date.toDateString();
  return today
    ? date.toLocaleTimeString(undefined, { timeStyle: 'short' })
    : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
