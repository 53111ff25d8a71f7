import { formatPath, type JsonPath } from '@/lib/json-tools/json-path';
import { formatPointer } from '@/lib/json-tools/json-pointer';
import { isJsonObject, type JsonObject } from '@/lib/json-tools/json-value';
import type { JsonSchema } from './workbench-inputs';

/** How one value is edited: the input follows the schema, never a type picker. */
export type LeafSpec = {
  kind: 'text' | 'number' | 'integer' | 'boolean' | 'enum' | 'date' | 'json';
  /** Emptying the input stores null. */
  nullable: boolean;
  options?: readonly unknown[];
  minimum?: number;
  maximum?: number;
};

type NodeBase = { path: JsonPath; pointer: string; label: string; description?: string; required: boolean };

export type FormLeaf = NodeBase & { type: 'leaf'; spec: LeafSpec };
export type FormGroup = NodeBase & { type: 'group'; children: FormNode[] };
/** An array edited as rows: objects get a column per property, anything else one "Value" column. */
export type FormGrid = NodeBase & {
  type: 'grid';
  columns: GridColumn[];
  /** What "Add row" appends. */
  blankItem: unknown;
  minItems?: number;
  maxItems?: number;
};
export type FormNode = FormLeaf | FormGroup | FormGrid;

export type GridColumn = {
  id: string;
  /** Inside one item: `['amount']`, `['tax', 'rate']`, or `[]` for an array of plain values. */
  subPath: JsonPath;
  label: string;
  description?: string;
  required: boolean;
  spec: LeafSpec;
};

type Resolved = {
  schema: JsonSchema;
  types: Set<string>;
};

/**
 * The form for a value: from its JSON Schema when there is one, otherwise from the value's own
 * shape. Keys the value has beyond the schema's properties still get a field, so nothing is
 * hidden from the reviewer.
 */
export function buildFormModel(schema: JsonSchema | null, value: JsonObject): FormGroup {
  const root = schema ?? inferSchema(value);
  const node = buildNode({ root, schema: root, path: [], value, required: true });
  if (node.type !== 'group')
    return { type: 'group', path: [], pointer: '', label: '(root)', required: true, children: [] };
  return node;
}

type BuildArgs = { root: JsonSchema; schema: JsonSchema; path: JsonPath; value: unknown; required: boolean };

function buildNode({ root, schema, path, value, required }: BuildArgs): FormNode {
  const resolved = resolve(root, schema);
  const base = baseOf(resolved.schema, path, required);
  const isObject = resolved.types.has('object') || (resolved.types.size === 0 && isJsonObject(value));
  const isArray = resolved.types.has('array') || (resolved.types.size === 0 && Array.isArray(value));
  if (isObject && (isJsonObject(value) || value === undefined)) {
    return {
      ...base,
      type: 'group',
      children: objectChildren(root, resolved.schema, path, (value ?? {}) as JsonObject),
    };
  }
  if (isArray && (Array.isArray(value) || value === undefined)) {
    return buildGrid(root, resolved.schema, base, (value ?? []) as unknown[]);
  }
  return { ...base, type: 'leaf', spec: leafSpec(root, schema, value) };
}

function objectChildren(root: JsonSchema, schema: JsonSchema, path: JsonPath, value: JsonObject): FormNode[] {
  const properties = isJsonObject(schema.properties) ? (schema.properties as Record<string, JsonSchema>) : {};
  const requiredKeys = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const keys = [...Object.keys(properties), ...Object.keys(value).filter((key) => !Object.hasOwn(properties, key))];
  return keys.map((key) =>
    buildNode({
      root,
      schema: properties[key] ?? inferSchema(value[key]),
      path: [...path, key],
      value: value[key],
      required: requiredKeys.has(key),
    }),
  );
}

function buildGrid(root: JsonSchema, schema: JsonSchema, base: NodeBase, items: unknown[]): FormGrid {
  const itemSchema = isJsonObject(schema.items) ? (schema.items as JsonSchema) : inferItems(items);
  const item = resolve(root, itemSchema);
  const isObjectItems = item.types.has('object') || (item.types.size === 0 && items.some(isJsonObject));
  const columns = isObjectItems
    ? objectColumns(root, item.schema, [], items.filter(isJsonObject))
    : [{ id: 'value', subPath: [], label: 'Value', required: true, spec: leafSpec(root, itemSchema, items[0]) }];
  return {
    ...base,
    type: 'grid',
    columns,
    blankItem: isObjectItems ? blankObject(columns) : blankLeaf(columns[0]?.spec),
    ...(typeof schema.minItems === 'number' ? { minItems: schema.minItems } : {}),
    ...(typeof schema.maxItems === 'number' ? { maxItems: schema.maxItems } : {}),
  };
}

/** One column per leaf of an item; a nested object's leaves become `tax.rate`-style columns. */
function objectColumns(root: JsonSchema, schema: JsonSchema, prefix: JsonPath, items: JsonObject[]): GridColumn[] {
  const properties = isJsonObject(schema.properties) ? (schema.properties as Record<string, JsonSchema>) : {};
  const requiredKeys = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const extraKeys = new Set<string>();
  for (const item of items)
    for (const key of Object.keys(item)) if (!Object.hasOwn(properties, key)) extraKeys.add(key);
  const keys = [...Object.keys(properties), ...extraKeys];
  return keys.flatMap((key) => {
    const values = items.map((item) => item[key]);
    const propertySchema = properties[key] ?? inferItems(values);
    const resolved = resolve(root, propertySchema);
    const subPath = [...prefix, key];
    if (resolved.types.has('object') || (resolved.types.size === 0 && values.some(isJsonObject))) {
      return objectColumns(root, resolved.schema, subPath, values.filter(isJsonObject));
    }
    return [
      {
        id: formatPointer(subPath),
        subPath,
        label: titleOf(resolved.schema) ?? formatPath(subPath),
        ...descriptionOf(resolved.schema),
        required: requiredKeys.has(key),
        spec: leafSpec(
          root,
          propertySchema,
          values.find((v) => v !== undefined && v !== null),
        ),
      },
    ];
  });
}

function baseOf(schema: JsonSchema, path: JsonPath, required: boolean): NodeBase {
  return {
    path,
    pointer: formatPointer(path),
    label: titleOf(schema) ?? formatPath(path),
    ...descriptionOf(schema),
    required,
  };
}

function titleOf(schema: JsonSchema): string | undefined {
  return typeof schema.title === 'string' && schema.title.trim() !== '' ? schema.title : undefined;
}

function descriptionOf(schema: JsonSchema): { description?: string } {
  return typeof schema.description === 'string' && schema.description !== '' ? { description: schema.description } : {};
}

export function leafSpec(root: JsonSchema, schema: JsonSchema, value: unknown): LeafSpec {
  const { schema: s, types } = resolve(root, schema);
  const nullable = types.has('null') || value === null;
  const bounds = {
    ...(typeof s.minimum === 'number' ? { minimum: s.minimum } : {}),
    ...(typeof s.maximum === 'number' ? { maximum: s.maximum } : {}),
  };
  if (Array.isArray(s.enum)) return { kind: 'enum', nullable, options: s.enum };
  if (types.has('string') && s.format === 'date') return { kind: 'date', nullable };
  if (types.has('integer')) return { kind: 'integer', nullable, ...bounds };
  if (types.has('number')) return { kind: 'number', nullable, ...bounds };
  if (types.has('boolean')) return { kind: 'boolean', nullable };
  if (types.has('string')) return { kind: 'text', nullable };
  // A schema that says nothing about the type: the value decides, and a container stays JSON.
  if (typeof value === 'number') return { kind: 'number', nullable };
  if (typeof value === 'boolean') return { kind: 'boolean', nullable };
  if (typeof value === 'object' && value !== null) return { kind: 'json', nullable };
  return { kind: 'text', nullable };
}

/**
 * Follows local `$ref`s and folds `anyOf`/`oneOf` of a type with null (how generators spell an
 * optional value) into that type plus "null".
 */
function resolve(root: JsonSchema, schema: JsonSchema, depth = 0): Resolved {
  if (depth > 16) return { schema, types: new Set() };
  if (typeof schema.$ref === 'string' && schema.$ref.startsWith('#')) {
    const target = refTarget(root, schema.$ref);
    if (target) {
      const inner = resolve(root, target, depth + 1);
      return { schema: { ...inner.schema, ...withoutRef(schema) }, types: inner.types };
    }
  }
  const types = new Set<string>(
    Array.isArray(schema.type) ? (schema.type as string[]) : typeof schema.type === 'string' ? [schema.type] : [],
  );
  const alternatives = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (types.size === 0 && Array.isArray(alternatives)) {
    const branches = alternatives.filter(isJsonObject).map((branch) => resolve(root, branch, depth + 1));
    const real = branches.filter((branch) => !(branch.types.size === 1 && branch.types.has('null')));
    if (real.length === 1 && real[0]) {
      const merged = new Set(real[0].types);
      if (real.length < branches.length) merged.add('null');
      return { schema: { ...real[0].schema, ...titleAndDescription(schema) }, types: merged };
    }
  }
  if (types.size === 0 && Array.isArray(schema.enum)) for (const option of schema.enum) types.add(jsonType(option));
  return { schema, types };
}

function refTarget(root: JsonSchema, ref: string): JsonSchema | null {
  let current: unknown = root;
  for (const raw of ref.slice(2).split('/').filter(Boolean)) {
    const key = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    current = isJsonObject(current) ? current[key] : undefined;
  }
  return isJsonObject(current) ? current : null;
}

function withoutRef(schema: JsonSchema): JsonSchema {
  const { $ref: _ref, ...rest } = schema;
  return rest;
}

function titleAndDescription(schema: JsonSchema): JsonSchema {
  return Object.fromEntries(Object.entries(schema).filter(([key]) => key === 'title' || key === 'description'));
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** A schema describing a value as it is, for outputs that came without one. */
export function inferSchema(value: unknown): JsonSchema {
  if (value === null || value === undefined) return {};
  if (Array.isArray(value)) return { type: 'array', items: inferItems(value) };
  if (isJsonObject(value)) {
    return {
      type: 'object',
      properties: Object.fromEntries(Object.entries(value).map(([key, v]) => [key, inferSchema(v)])),
    };
  }
  return { type: typeof value === 'number' ? 'number' : typeof value };
}

/** Items of an array as one schema: objects merge their keys, so a sparse row still has every column. */
function inferItems(items: readonly unknown[]): JsonSchema {
  const objects = items.filter(isJsonObject);
  if (objects.length > 0) {
    const merged: Record<string, unknown[]> = {};
    for (const item of objects) {
      for (const [key, v] of Object.entries(item)) {
        const values = merged[key] ?? [];
        values.push(v);
        merged[key] = values;
      }
    }
    return {
      type: 'object',
      properties: Object.fromEntries(
        Object.entries(merged).map(([key, values]) => [
          key,
          inferSchema(values.find((v) => v !== null && v !== undefined) ?? null),
        ]),
      ),
    };
  }
  return inferSchema(items.find((item) => item !== null && item !== undefined) ?? null);
}

function blankLeaf(spec: LeafSpec | undefined): unknown {
  if (!spec || spec.nullable) return null;
  switch (spec.kind) {
    case 'number':
    case 'integer':
      return 0;
    case 'boolean':
      return false;
    case 'enum':
      return spec.options?.[0] ?? null;
    case 'json':
      return null;
    default:
      return '';
  }
}

function blankObject(columns: readonly GridColumn[]): JsonObject {
  const item: JsonObject = {};
  for (const column of columns) {
    let target = item;
    for (const key of column.subPath.slice(0, -1) as string[]) {
      target[key] = isJsonObject(target[key]) ? target[key] : {};
      target = target[key] as JsonObject;
    }
    const last = column.subPath.at(-1);
    if (last !== undefined) target[last as string] = blankLeaf(column.spec);
  }
  return item;
}

/** Every leaf of the form over a value, in reading order: grids row by row. */
export function* formLeaves(node: FormNode, value: unknown): Generator<{ path: JsonPath; label: string }> {
  if (node.type === 'leaf') yield { path: node.path, label: node.label };
  else if (node.type === 'group') for (const child of node.children) yield* formLeaves(child, value);
  else {
    const items = getItems(value, node.path);
    for (let index = 0; index < items.length; index++) {
      for (const column of node.columns) {
        yield { path: [...node.path, index, ...column.subPath], label: `${node.label} ${index + 1} · ${column.label}` };
      }
    }
  }
}

function getItems(value: unknown, path: JsonPath): unknown[] {
  let current = value;
  for (const segment of path) current = (current as Record<string | number, unknown> | undefined)?.[segment];
  return Array.isArray(current) ? current : [];
}
