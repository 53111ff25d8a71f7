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
      if (UNSTORABLE.test(key)) return { path: [...path, key], message: 'a key contains a NUL character or an unpaired surrogate' };
      const problem = firstProblem(item, [...path, key]);
      if (problem) return problem;
    }
  }
  return null;
}

/** Refuses, with a 422 naming the place, JSON that the database could not store as sent. */
export function assertStorableJson(value: unknown): void {
  const problem = firstProblem(value, []);
  if (problem) throw validationError([problem]);
}
