/**
 * Whether an error means PostgreSQL cannot be reached (down, restarting, out of connections),
 * which the contract answers with 503 and Retry-After rather than a 500.
 */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE', 'EHOSTUNREACH']);
// Class 08 (connection exception), admin/crash shutdown, cannot connect now, too many connections.
const SQLSTATE_PREFIXES = ['08', '57P01', '57P02', '57P03', '53300'];

function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  const seen = new Set<unknown>();
  for (let current: unknown = error; current && typeof current === 'object' && !seen.has(current); ) {
    seen.add(current);
    const record = current as { code?: unknown; cause?: unknown; originalCode?: unknown };
    for (const value of [record.code, record.originalCode]) if (typeof value === 'string') codes.push(value);
    current = record.cause;
  }
  return codes;
}

export function isDatabaseUnavailable(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  if (/Connection terminated|connect ECONNREFUSED|Can't reach database server|timeout exceeded when trying to connect/i.test(message)) {
    return true;
  }
  return codesOf(error).some(
    (code) => NETWORK_CODES.has(code) || SQLSTATE_PREFIXES.some((prefix) => code.startsWith(prefix)),
  );
}
