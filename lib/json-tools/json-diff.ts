import { create, type Delta } from 'jsondiffpatch';
import type { JsonPath } from './json-path';
import { isJsonObject } from './json-value';

export type ChangeKind = 'added' | 'removed' | 'changed';

/**
 * One difference at the shallowest path where the two sides stop being comparable: a new or
 * dropped subtree, or a value replaced (including a change of type), is one change, not one
 * per leaf inside it.
 */
export type JsonChange = { path: JsonPath; kind: ChangeKind; before?: unknown; after?: unknown };

/** Both sides aligned in one tree, so a side-by-side view can put matching lines on one row. */
export type DiffNode =
  | { type: 'unchanged'; value: unknown }
  | { type: 'added'; after: unknown }
  | { type: 'removed'; before: unknown }
  | { type: 'changed'; before: unknown; after: unknown }
  | { type: 'object'; entries: DiffObjectEntry[] }
  | { type: 'array'; items: DiffArrayItem[] };

export type DiffObjectEntry = { key: string; node: DiffNode };

/** An item present on one side only has just that side's index. */
export type DiffArrayItem = { leftIndex?: number; rightIndex?: number; node: DiffNode };

const IDENTITY_KEYS = ['id', 'name'] as const;

function hashArrayItem(item: object, index?: number): string {
  if (isJsonObject(item)) {
    for (const key of IDENTITY_KEYS) {
      const identity = item[key];
      if (typeof identity === 'string' || typeof identity === 'number') {
        return `${key}:${JSON.stringify(identity)}`;
      }
    }
  }
  return `$index:${index}`;
}

// Without move detection a reordered item is reported as removed plus added, which a
// two-column view can show without arrows between columns.
const differ = create({ objectHash: hashArrayItem, arrays: { detectMove: false } });

type ChildDeltas = Readonly<Record<string, Delta>>;

function childDeltasOf(delta: Delta): ChildDeltas | undefined {
  return typeof delta === 'object' && !Array.isArray(delta) ? (delta as ChildDeltas) : undefined;
}

function childDelta(deltas: ChildDeltas, key: string, left: unknown, right: unknown): Delta {
  // jsondiffpatch stores a `__proto__` key by assignment, which swaps the delta's prototype
  // instead of recording the change, so that one key is diffed on its own.
  if (key === '__proto__') return differ.diff(left, right);
  return Object.hasOwn(deltas, key) ? deltas[key] : undefined;
}

export function diffTree(left: unknown, right: unknown): DiffNode {
  return toNode(left, right, differ.diff(left, right));
}

function toNode(left: unknown, right: unknown, delta: Delta): DiffNode {
  if (delta === undefined) return { type: 'unchanged', value: right };
  const deltas = childDeltasOf(delta);
  if (deltas && Array.isArray(left) && Array.isArray(right)) return arrayNode(left, right, deltas);
  if (deltas && isJsonObject(left) && isJsonObject(right)) return objectNode(left, right, deltas);
  return { type: 'changed', before: left, after: right };
}

function objectNode(left: Record<string, unknown>, right: Record<string, unknown>, deltas: ChildDeltas): DiffNode {
  const keys = [...Object.keys(left), ...Object.keys(right).filter((key) => !Object.hasOwn(left, key))];
  const entries = keys.map((key): DiffObjectEntry => {
    if (!Object.hasOwn(right, key)) return { key, node: { type: 'removed', before: left[key] } };
    if (!Object.hasOwn(left, key)) return { key, node: { type: 'added', after: right[key] } };
    return { key, node: toNode(left[key], right[key], childDelta(deltas, key, left[key], right[key])) };
  });
  return { type: 'object', entries };
}

/**
 * An array delta names removed items by their left index (`_3`) and added or changed items by
 * their right index (`3`); every other item is matched, in order, with its counterpart.
 */
function arrayNode(left: unknown[], right: unknown[], deltas: ChildDeltas): DiffNode {
  const removed = new Set<number>();
  const added = new Set<number>();
  for (const [key, delta] of Object.entries(deltas)) {
    if (key.startsWith('_') && key !== '_t') removed.add(Number(key.slice(1)));
    else if (Array.isArray(delta) && delta.length === 1) added.add(Number(key));
  }
  const keptLeft = [...left.keys()].filter((i) => !removed.has(i));
  const keptRight = [...right.keys()].filter((i) => !added.has(i));
  if (keptLeft.length !== keptRight.length) throw new Error('Unexpected array delta shape');

  const items: DiffArrayItem[] = [];
  let l = 0;
  let r = 0;
  // Within a gap removals come before additions, as in a unified diff.
  const emitGap = (leftEnd: number, rightEnd: number) => {
    for (; l < leftEnd; l++) items.push({ leftIndex: l, node: { type: 'removed', before: left[l] } });
    for (; r < rightEnd; r++) items.push({ rightIndex: r, node: { type: 'added', after: right[r] } });
  };
  keptLeft.forEach((leftIndex, k) => {
    const rightIndex = keptRight[k] as number;
    emitGap(leftIndex, rightIndex);
    const delta = childDelta(deltas, String(rightIndex), left[leftIndex], right[rightIndex]);
    items.push({ leftIndex, rightIndex, node: toNode(left[leftIndex], right[rightIndex], delta) });
    l = leftIndex + 1;
    r = rightIndex + 1;
  });
  emitGap(left.length, right.length);
  return { type: 'array', items };
}

/** Changes in document order; an array item is addressed by its right index, or its left one if removed. */
export function listChanges(node: DiffNode, path: JsonPath = []): JsonChange[] {
  switch (node.type) {
    case 'unchanged':
      return [];
    case 'added':
      return [{ path, kind: 'added', after: node.after }];
    case 'removed':
      return [{ path, kind: 'removed', before: node.before }];
    case 'changed':
      return [{ path, kind: 'changed', before: node.before, after: node.after }];
    case 'object':
      return node.entries.flatMap((entry) => listChanges(entry.node, [...path, entry.key]));
    case 'array':
      return node.items.flatMap((item) =>
        listChanges(item.node, [...path, item.rightIndex ?? (item.leftIndex as number)]),
      );
  }
}

export function diffJson(left: unknown, right: unknown): JsonChange[] {
  return listChanges(diffTree(left, right));
}
