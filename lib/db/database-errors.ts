/**
 * What a failed database call means for the caller, told by SQLSTATE wherever the error carries
 * it: `code` on a pg error, `originalCode` (or `code`) on the driver adapter's mapped error,
 * `meta.driverAdapterError` on Prisma's P2010, `cause` on anything that wraps one of those.
 */

// Connection exception (class 08), admin/crash shutdown and "starting up" (57P01–57P03), out of
// connections or resources (53000, 53300), and a statement cancelled by statement_timeout (57014).
const UNAVAILABLE_SQLSTATES = [/^08/, /^57P0[123]$/, /^53000$/, /^53300$/, /^57014$/];
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
// The driver adapter's kinds for socket errors, which carry no code of their own.
const UNAVAILABLE_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
// What pg and pg-pool raise on their own timeouts and dropped sockets, without any code.
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Query read timeout|timeout expired|not queryable|Can't reach database server/i;

interface Facts {
  codes: string[];
  kinds: string[];
  messages: string[];
}

/** Every code, adapter kind and message found on the error and on whatever it wraps. */
function factsOf(error: unknown): Facts {
  const facts: Facts = { codes: [], kinds: [], messages: [] };
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length > 0) {
    const current = pending.pop();
    if (!current || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const record = current as Record<string, unknown>;
    for (const value of [record.code, record.originalCode]) if (typeof value === 'string') facts.codes.push(value);
    if (typeof record.kind === 'string') facts.kinds.push(record.kind);
    if (typeof record.message === 'string') facts.messages.push(record.message);
    const meta = record.meta as Record<string, unknown> | undefined;
    pending.push(record.cause, meta?.driverAdapterError, ...(Array.isArray(record.errors) ? record.errors : []));
  }
  return facts;
}

/** PostgreSQL cannot be reached or cannot serve now: the contract's 503 with Retry-After. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const { codes, kinds, messages } = factsOf(error);
  return (
    codes.some((code) => NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATES.some((state) => state.test(code))) ||
    kinds.some((kind) => UNAVAILABLE_KINDS.has(kind)) ||
    messages.some((message) => UNAVAILABLE_MESSAGES.test(message))
  );
}

/**
 * A data exception (class 22): a value PostgreSQL cannot take, such as a date out of its range.
 * Input is validated before it reaches the database, so this is a gap in that validation; still
 * the caller's input, never a 500.
 */
export function isDataException(error: unknown): boolean {
  return factsOf(error).codes.some((code) => /^22[0-9A-Z]{3}$/.test(code));
}

/** A unique index refused the write (SQLSTATE 23505, or Prisma's P2002), however it is wrapped. */
export function isUniqueViolation(error: unknown): boolean {
  for (let cause: unknown = error; cause; cause = (cause as { cause?: unknown }).cause) {
    const code = (cause as { code?: unknown }).code;
    if (code === '23505' || code === 'P2002') return true;
    if (
      typeof (cause as { message?: unknown }).message === 'string' &&
      /23505|unique constraint/i.test((cause as { message: string }).message)
    ) {
      return true;
    }
  }
  return false;
}
