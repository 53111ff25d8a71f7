import { type ValidationIssue, validationError } from '../errors';

/** Deeper than any real model output, and far from where PostgreSQL's JSON parser gives up. */
export const MAX_JSON_DEPTH = 64;

// JSON may carry "\u0000" and lone UTF-16 surrogates; PostgreSQL's text and jsonb cannot store
// them, so they are refused up front as the client's error rather than failing in the database.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching NUL is the point
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function firstProblem(value: unknown, path: (string | number)[]): ValidationIssue | null {
  if (path.length > MAX_JSON_DEPTH) {
    return { path, message: `nested more than ${MAX_JSON_DEPTH} levels deep` };
  }
  // JSON.parse reads 1e400 as Infinity, which JSON.stringify would then write as null.
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return { path, message: 'a number beyond the range of a double (about ±1.8e308)' };
  }
  if (typeof value === 'string') {
    return UNSTORABLE.test(value) ? { path, message: 'contains a NUL character or an unpaired surrogate' } : null;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const problem = firstProblem(item, [...path, index]);
      if (problem) return problem;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (UNSTORABLE.test(key))
        return { path: [...path, key], message: 'a key contains a NUL character or an unpaired surrogate' };
      const problem = firstProblem(item, [...path, key]);
      if (problem) return problem;
    }
  }
  return null;
}

// String literals are matched first so that digits inside them are skipped; `text` is valid JSON.
const STRING_OR_NUMBER = /"[^"\\]*(?:\\.[^"\\]*)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

/**
 * The first integer literal of `text` that a double cannot hold exactly (an id such as
 * 12345678901234567891 would silently become 12345678901234567000). Fractions are left alone:
 * that a decimal fraction is stored as the nearest double is what every JSON client expects.
 */
function firstInexactInteger(text: string): string | null {
  for (const [token] of text.matchAll(STRING_OR_NUMBER)) {
    if (token.startsWith('"') || /[.eE]/.test(token) || token.length < 16) continue;
    const value = Number(token);
    if (!Number.isFinite(value) || BigInt(token) !== BigInt(value)) return token;
  }
  return null;
}

/**
 * Refuses, with a 422 naming the place, JSON that the database could not store as sent; `text`
 * is the JSON as received, for the integers that parsing has already rounded.
 */
export function assertStorableJson(value: unknown, text: string): void {
  const problem = firstProblem(value, []);
  if (problem) throw validationError([problem]);
  const inexact = firstInexactInteger(text);
  if (inexact !== null) {
    throw validationError([
      { path: [], message: `the integer ${inexact} is beyond ±2^53 and would lose precision: send it as a string` },
    ]);
  }
}
