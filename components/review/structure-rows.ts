import type { JsonPath } from '@/lib/json-tools/json-path';
import { formatPointer } from '@/lib/json-tools/json-pointer';
import { isJsonObject, type JsonObject } from '@/lib/json-tools/json-value';

/**
 * One line of the structure editor. The tree is laid out as a flat list so that only the lines
 * in view are drawn; `value` and `container` keep the identity they have in the draft, so a
 * line whose part of the value did not change can skip rendering.
 */
export type StructureRow =
  | { type: 'field'; key: string; path: JsonPath; depth: number; value: unknown }
  | { type: 'add-field'; key: string; path: JsonPath; depth: number; container: JsonObject }
  | { type: 'add-item'; key: string; path: JsonPath; depth: number; container: readonly unknown[] };

/**
 * The lines of a container's contents, by the container's identity: a keystroke changes one line
 * item, so the other 999 reuse theirs (as long as they have not moved).
 */
const linesOf = new WeakMap<object, { pointer: string; rows: readonly StructureRow[] }>();

/** Every field of `value` in reading order, each container followed by its own add control. */
export function flattenStructure(value: JsonObject): StructureRow[] {
  const rows: StructureRow[] = [];
  const visit = (container: JsonObject | readonly unknown[], path: JsonPath, depth: number) => {
    const pointer = formatPointer(path);
    if (Array.isArray(container)) {
      for (const [index, item] of container.entries()) visitField([...path, index], depth, item);
      rows.push({ type: 'add-item', key: `${pointer}#add`, path, depth, container });
    } else {
      for (const [key, item] of Object.entries(container)) visitField([...path, key], depth, item);
      rows.push({ type: 'add-field', key: `${pointer}#add`, path, depth, container: container as JsonObject });
    }
  };
  const visitField = (path: JsonPath, depth: number, item: unknown) => {
    const pointer = formatPointer(path);
    rows.push({ type: 'field', key: pointer, path, depth, value: item });
    if (!Array.isArray(item) && !isJsonObject(item)) return;
    const known = linesOf.get(item);
    if (known?.pointer === pointer) {
      rows.push(...known.rows);
      return;
    }
    const start = rows.length;
    visit(item, path, depth + 1);
    linesOf.set(item, { pointer, rows: rows.slice(start) });
  };
  visit(value, [], 0);
  return rows;
}
