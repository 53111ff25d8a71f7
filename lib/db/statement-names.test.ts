import { describe, expect, it } from 'vitest';
import { MAX_NAMED_STATEMENTS, statementName } from './statement-names';

describe('statementName', () => {
  it('names the same SQL alike and different SQL apart, within PostgreSQL’s 63 bytes', () => {
    const name = statementName('SELECT 1 WHERE $1::int = 1');
    expect(statementName('SELECT 1 WHERE $1::int = 1')).toBe(name);
    expect(statementName('SELECT 2 WHERE $1::int = 1')).not.toBe(name);
    expect(name.length).toBeLessThanOrEqual(63);
    expect(name).toMatch(/^ri_[A-Za-z0-9_-]+$/);
  });

  it('leaves statements unnamed past the cap, and keeps the names it gave', () => {
    const first = statementName('SELECT $1::text AS first');
    for (let n = 0; n <= MAX_NAMED_STATEMENTS; n++) statementName(`SELECT ${n} AS filler`);
    expect(statementName('SELECT $1::text AS one_too_many')).toBe('');
    expect(statementName('SELECT $1::text AS first')).toBe(first);
  });
});
