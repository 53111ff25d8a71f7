import { isJsonObject } from './json-value';

export type JsonPathSegment = string | number;
export type JsonPath = readonly JsonPathSegment[];

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `line_items[2].amount`; keys that are not identifiers are quoted: `meta["due date"]`. */
export function formatPath(path: JsonPath): string {
  if (path.length === 0) return '(root)';
  return path
    .map((segment, i) => {
      if (typeof segment === 'number') return `[${segment}]`;
      if (!IDENTIFIER.test(segment)) return `[${JSON.stringify(segment)}]`;
      return i === 0 ? segment : `.${segment}`;
    })
    .join('');
}

export function getIn(value: unknown, path: JsonPath): unknown {
  let current = value;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === 'number') current = current[segment];
    else if (isJsonObject(current) && typeof segment === 'string' && Object.hasOwn(current, segment))
      current = current[segment];
    else return undefined;
  }
  return current;
}

/**
 * Returns a copy of `value` with `next` at `path`, sharing every untouched branch. The parent
 * of the target must exist: a path that does not fit the value is a bug in the caller.
 */
export function setIn(value: unknown, path: JsonPath, next: unknown): unknown {
  return updateIn(value, path, () => next);
}

/** Returns a copy without the object key or array item at `path`; later items move up one. */
export function deleteIn(value: unknown, path: JsonPath): unknown {
  const parentPath = path.slice(0, -1);
  const last = path.at(-1);
  if (last === undefined) throw new Error('Cannot delete the root value');
  return updateIn(value, parentPath, (parent) => {
    if (Array.isArray(parent) && typeof last === 'number') return parent.filter((_, i) => i !== last);
    if (isJsonObject(parent) && typeof last === 'string') {
      return Object.fromEntries(Object.entries(parent).filter(([key]) => key !== last));
    }
    throw new Error(`No container at ${formatPath(parentPath)}`);
  });
}

function updateIn(value: unknown, path: JsonPath, update: (current: unknown) => unknown, depth = 0): unknown {
  const head = path[depth];
  if (head === undefined) return update(value);
  if (Array.isArray(value) && typeof head === 'number' && head >= 0 && head <= value.length) {
    const copy = [...value];
    copy[head] = updateIn(value[head], path, update, depth + 1);
    return copy;
  }
  if (isJsonObject(value) && typeof head === 'string') {
    const exists = Object.hasOwn(value, head);
    const child = updateIn(exists ? value[head] : undefined, path, update, depth + 1);
    // Built with fromEntries rather than assignment so a `__proto__` key stays a plain key.
    return Object.fromEntries(
      exists
        ? Object.entries(value).map(([key, v]) => [key, key === head ? child : v])
        : [...Object.entries(value), [head, child]],
    );
  }
  throw new Error(`Path ${formatPath(path)} does not fit the value at ${formatPath(path.slice(0, depth))}`);
}
