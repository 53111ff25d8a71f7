import { createHash } from 'node:crypto';

/**
 * Far more distinct statements than the app sends (its SQL comes in a few dozen shapes); past
 * it, new texts go unnamed, so that SQL of unbounded variety could never pile up prepared
 * statements in every pooled connection.
 */
export const MAX_NAMED_STATEMENTS = 1_000;

const names = new Map<string, string>();

/**
 * The name a statement is prepared under on each pooled connection, so that PostgreSQL parses
 * and plans it once per connection instead of on every call. A hash of the text: pg refuses one
 * name for two texts, and every app instance names the same SQL alike. `''` is the protocol's
 * unnamed statement, prepared afresh each time.
 */
export function statementName(sql: string): string {
  const known = names.get(sql);
  if (known !== undefined) return known;
  if (names.size >= MAX_NAMED_STATEMENTS) return '';
  const name = `ri_${createHash('sha256').update(sql).digest('base64url').slice(0, 40)}`;
  names.set(sql, name);
  return name;
}
