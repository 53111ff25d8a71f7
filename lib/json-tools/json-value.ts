export type JsonObject = Record<string, unknown>;

export type JsonKind = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array';

export const JSON_KINDS: readonly JsonKind[] = ['string', 'number', 'boolean', 'null', 'object', 'array'];

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function kindOf(value: unknown): JsonKind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return 'object';
  }
}

/** Structural equality of JSON values; key order does not matter, array order does. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && jsonEqual(a[key], b[key]))
    );
  }
  return false;
}

export function emptyValue(kind: JsonKind): unknown {
  switch (kind) {
    case 'string':
      return '';
    case 'number':
      return 0;
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'object':
      return {};
    case 'array':
      return [];
  }
}

/** Turns a value into another kind, keeping what still makes sense so a type switch loses little. */
export function convertToKind(value: unknown, kind: JsonKind): unknown {
  if (kindOf(value) === kind) return value;
  if (kind === 'string' && (typeof value === 'number' || typeof value === 'boolean')) return String(value);
  if (kind === 'number' && typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    if (Number.isFinite(n)) return n;
  }
  if (kind === 'boolean' && value === 'true') return true;
  return emptyValue(kind);
}

/** An empty value of the same shape, so a new array item looks like its siblings. */
export function blankLike(value: unknown): unknown {
  if (!isJsonObject(value)) return emptyValue(kindOf(value));
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, blankLike(v)]));
}

/** One short line for lists and labels; the full value belongs in a diff or an editor. */
export function previewJson(value: unknown, maxLength = 60): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

export type ParsedObject = { ok: true; value: JsonObject } | { ok: false; error: string };

/** Parses text a reviewer typed; a snapshot must be an object, so anything else is an error. */
export function parseJsonObject(text: string): ParsedObject {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : 'Invalid JSON' };
  }
  if (!isJsonObject(value)) return { ok: false, error: `The output must be a JSON object, not ${kindOf(value)}.` };
  return { ok: true, value };
}
