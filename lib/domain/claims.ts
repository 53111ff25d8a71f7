/**
 * The one rule for whether a claim still holds: until the instant it expires, and not from that
 * instant on, whatever the stored row still says. The server's rules and wire format and the
 * browser all ask this; the SQL that filters on claims (`heldByCaller`, `heldByNobody` in
 * lib/reviews/queue-sql.ts) spells the same comparison and must agree with it.
 */
export function isClaimActive(expiresAt: Date | string, now: Date | number): boolean {
  return instantOf(expiresAt) > instantOf(now);
}

function instantOf(value: Date | string | number): number {
  if (typeof value === 'number') return value;
  return typeof value === 'string' ? Date.parse(value) : value.getTime();
}
