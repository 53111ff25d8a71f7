/**
 * Every time the UI shows, formatted in one place so a page never mixes "7:35 PM" with
 * "07:44 PM". The locale is the reader's (the browser's); `locale` is for tests.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type Locale = string | undefined;

function parse(at: string): Date | null {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A wall-clock time, with the date only when it is not today: "7:35 PM", "May 12, 2026, 9:15 AM". */
export function formatClock(at: string, now: number, locale?: Locale): string {
  const date = parse(at);
  if (!date) return at;
  const today = date.toDateString() === new Date(now).toDateString();
  return new Intl.DateTimeFormat(
    locale,
    today ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' },
  ).format(date);
}

/** The full local date and time, for tooltips next to relative times. */
export function formatFullTime(at: string, locale?: Locale): string {
  const date = parse(at);
  if (!date) return at;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(date);
}

/** A span of time in at most two units: "45 s", "12 min", "3 h 5 min", "2 d 4 h". */
export function formatDuration(ms: number): string {
  const span = Math.max(0, ms);
  if (span < MINUTE) return `${Math.max(1, Math.round(span / 1000))} s`;
  if (span < HOUR) return `${Math.round(span / MINUTE)} min`;
  if (span < DAY) {
    const hours = Math.floor(span / HOUR);
    const minutes = Math.round((span % HOUR) / MINUTE);
    return minutes === 0 || hours >= 10 ? `${hours} h` : `${hours} h ${minutes} min`;
  }
  const days = Math.floor(span / DAY);
  const hours = Math.round((span % DAY) / HOUR);
  return hours === 0 || days >= 10 ? `${days} d` : `${days} d ${hours} h`;
}

/** How long ago, in words: "just now", "12 min ago", "3 hr ago", "2 days ago". */
export function formatTimeAgo(at: string, now: number): string {
  const seconds = Math.round((now - Date.parse(at)) / 1000);
  if (Number.isNaN(seconds)) return at;
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} hr ago`;
  const days = Math.round(hours / 24);
  return `${days} ${days === 1 ? 'day' : 'days'} ago`;
}

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
