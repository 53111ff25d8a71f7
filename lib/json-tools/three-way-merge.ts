import { deleteIn, type JsonPath, setIn } from './json-path';
import { isJsonObject, type JsonObject, jsonEqual } from './json-value';

/**
 * A path both sides changed, to different values. `undefined` stands for "the field is not
 * there": absent in the base (both added it) or removed by one side.
 */
export type MergeConflict = { path: JsonPath; base: unknown; mine: unknown; theirs: unknown };

export type MergeResult = {
  /** Theirs with my non-conflicting changes applied; each conflicted path still holds theirs. */
  merged: JsonObject;
  conflicts: MergeConflict[];
  /** Paths where my draft's value was carried onto theirs. */
  carried: JsonPath[];
};

/**
 * Re-applies a reviewer's draft onto a newer head.
 *
 * Objects are merged key by key, down to the leaves, so edits to different fields of one
 * object never conflict. Arrays are single values: an array only one side changed takes that
 * side whole, and an array both sides changed differently is one conflict. Merging items
 * would need an identity for them that snapshots do not promise, and a wrong guess silently
 * duplicates or drops line items.
 */
export function mergeDrafts({
  base,
  mine,
  theirs,
}: {
  base: JsonObject;
  mine: JsonObject;
  theirs: JsonObject;
}): MergeResult {
  const conflicts: MergeConflict[] = [];
  const carried: JsonPath[] = [];
  const merged = mergeObjects(base, mine, theirs, [], { conflicts, carried });
  return { merged, conflicts, carried };
}

type Collected = Pick<MergeResult, 'conflicts' | 'carried'>;

function mergeObjects(
  base: JsonObject | undefined,
  mine: JsonObject,
  theirs: JsonObject,
  path: JsonPath,
  collected: Collected,
): JsonObject {
  // Their order first: the merge lands on their version, and my new keys follow it.
  const keys = [...Object.keys(theirs), ...Object.keys(mine).filter((key) => !Object.hasOwn(theirs, key))];
  const entries: [string, unknown][] = [];
  for (const key of keys) {
    const value = mergeValues(
      base && Object.hasOwn(base, key) ? base[key] : undefined,
      Object.hasOwn(mine, key) ? mine[key] : undefined,
      Object.hasOwn(theirs, key) ? theirs[key] : undefined,
      [...path, key],
      collected,
    );
    if (value !== undefined) entries.push([key, value]);
  }
  // fromEntries keeps a `__proto__` key as data, where assignment would not.
  return Object.fromEntries(entries);
}

function mergeValues(base: unknown, mine: unknown, theirs: unknown, path: JsonPath, collected: Collected): unknown {
  if (jsonEqual(mine, theirs)) return theirs;
  if (isJsonObject(mine) && isJsonObject(theirs)) {
    // Both still objects: descend even if the base was not one, so that two sides adding the
    // same object with different fields clash only on the fields that differ.
    return mergeObjects(isJsonObject(base) ? base : undefined, mine, theirs, path, collected);
  }
  if (jsonEqual(mine, base)) return theirs;
  if (jsonEqual(theirs, base)) {
    collected.carried.push(path);
    return mine;
  }
  collected.conflicts.push({ path, base, mine, theirs });
  return theirs;
}

/** Settles one conflict; `undefined` removes the field, as a conflict reports a removal. */
export function resolveConflict(merged: JsonObject, path: JsonPath, value: unknown): JsonObject {
  return (value === undefined ? deleteIn(merged, path) : setIn(merged, path, value)) as JsonObject;
}
