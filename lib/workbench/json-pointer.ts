import type { JsonPath } from '@/lib/json-tools/json-path';

/** RFC 6901: `/line_items/0/amount`; `~` and `/` inside a key are escaped as `~0` and `~1`. */
export function toPointer(path: JsonPath): string {
  return path.map((segment) => `/${String(segment).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

/**
 * The path a pointer names inside `value`: a segment is an array index only where the value
 * there is an array, since a pointer alone cannot tell `/items/0` from a key named "0".
 */
export function pathOfPointer(pointer: string, value: unknown): JsonPath | null {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return null;
  const path: (string | number)[] = [];
  let current = value;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(current)) {
      if (!/^(0|[1-9][0-9]*)$/.test(key)) return null;
      const index = Number(key);
      path.push(index);
      current = current[index];
    } else {
      path.push(key);
      current = typeof current === 'object' && current !== null ? (current as Record<string, unknown>)[key] : undefined;
    }
  }
  return path;
}
