/** RFC 6901 JSON Pointers (`/line_items/0/amount`), resolved against a value. */
import type { JsonPath } from './json-path';
import { isJsonObject } from './json-value';

const ARRAY_INDEX = /^(0|[1-9][0-9]*)$/;

function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** `["lines", 0, "qty"]` → `/lines/0/qty`; the root is the empty pointer. */
export function formatPointer(path: JsonPath): string {
  return path.map((segment) => `/${escapeToken(String(segment))}`).join('');
}

/**
 * The path a pointer names in `value` (array indexes as numbers), or null when the pointer is
 * malformed or names nothing there.
 */
export function resolvePointer(value: unknown, pointer: string): JsonPath | null {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return null;
  const path: (string | number)[] = [];
  let current = value;
  for (const raw of pointer.slice(1).split('/')) {
    if (/~(?![01])/.test(raw)) return null;
    const token = unescapeToken(raw);
    if (Array.isArray(current)) {
      if (!ARRAY_INDEX.test(token)) return null;
      const index = Number(token);
      if (index >= current.length) return null;
      path.push(index);
      current = current[index];
    } else if (isJsonObject(current) && Object.hasOwn(current, token)) {
      path.push(token);
      current = current[token];
    } else {
      return null;
    }
  }
  return path;
}
