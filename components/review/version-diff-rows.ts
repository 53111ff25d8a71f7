import type { ChangeKind, DiffNode } from '@/lib/json-tools/json-diff';
import { isJsonObject } from '@/lib/json-tools/json-value';

/** One line of pretty-printed JSON, indentation included. */
export type DiffLine = { text: string; kind?: ChangeKind };

/** A side is missing where the other side has lines it lacks, as in a split diff. */
export type DiffRow = { left?: DiffLine; right?: DiffLine };

type Commas = { left: boolean; right: boolean };

const INDENT = '  ';

export function buildDiffRows(tree: DiffNode): DiffRow[] {
  return nodeRows(tree, 0, '', { left: false, right: false });
}

function nodeRows(node: DiffNode, depth: number, prefix: string, commas: Commas): DiffRow[] {
  switch (node.type) {
    case 'unchanged':
      return zip(
        valueLines(node.value, depth, prefix, commas.left),
        valueLines(node.value, depth, prefix, commas.right),
      );
    case 'added':
      return valueLines(node.after, depth, prefix, commas.right, 'added').map((right) => ({ right }));
    case 'removed':
      return valueLines(node.before, depth, prefix, commas.left, 'removed').map((left) => ({ left }));
    case 'changed':
      return zip(
        valueLines(node.before, depth, prefix, commas.left, 'changed'),
        valueLines(node.after, depth, prefix, commas.right, 'changed'),
      );
    case 'object':
      return containerRows(
        ['{', '}'],
        node.entries.map((entry) => ({ prefix: `${JSON.stringify(entry.key)}: `, node: entry.node })),
        depth,
        prefix,
        commas,
      );
    case 'array':
      return containerRows(
        ['[', ']'],
        node.items.map((item) => ({ prefix: '', node: item.node })),
        depth,
        prefix,
        commas,
      );
  }
}

function containerRows(
  [open, close]: [string, string],
  children: { prefix: string; node: DiffNode }[],
  depth: number,
  prefix: string,
  commas: Commas,
): DiffRow[] {
  const pad = INDENT.repeat(depth);
  // Each side needs a comma after every child it has but its own last one.
  const lastLeft = lastIndexOf(children, (child) => child.node.type !== 'added');
  const lastRight = lastIndexOf(children, (child) => child.node.type !== 'removed');
  const openLine = { text: `${pad}${prefix}${open}` };
  return [
    { left: openLine, right: openLine },
    ...children.flatMap((child, i) =>
      nodeRows(child.node, depth + 1, child.prefix, { left: i < lastLeft, right: i < lastRight }),
    ),
    { left: { text: `${pad}${close}${comma(commas.left)}` }, right: { text: `${pad}${close}${comma(commas.right)}` } },
  ];
}

function valueLines(value: unknown, depth: number, prefix: string, trailingComma: boolean, kind?: ChangeKind) {
  const lines: DiffLine[] = [];
  const walk = (current: unknown, level: number, key: string, hasComma: boolean) => {
    const pad = INDENT.repeat(level);
    const push = (text: string) => {
      lines.push(kind ? { text: `${pad}${text}`, kind } : { text: `${pad}${text}` });
    };
    const children: [string, unknown][] | undefined = Array.isArray(current)
      ? current.map((item) => ['', item])
      : isJsonObject(current)
        ? Object.entries(current).map(([k, v]) => [`${JSON.stringify(k)}: `, v])
        : undefined;
    if (!children) {
      push(`${key}${JSON.stringify(current)}${comma(hasComma)}`);
      return;
    }
    const [open, close] = Array.isArray(current) ? ['[', ']'] : ['{', '}'];
    if (children.length === 0) {
      push(`${key}${open}${close}${comma(hasComma)}`);
      return;
    }
    push(`${key}${open}`);
    for (const [i, [childKey, child]] of children.entries()) {
      walk(child, level + 1, childKey, i < children.length - 1);
    }
    push(`${close}${comma(hasComma)}`);
  };
  walk(value, depth, prefix, trailingComma);
  return lines;
}

function lastIndexOf<T>(items: T[], predicate: (item: T) => boolean): number {
  return items.reduce((last, item, i) => (predicate(item) ? i : last), -1);
}

function comma(present: boolean): string {
  return present ? ',' : '';
}

function zip(left: DiffLine[], right: DiffLine[]): DiffRow[] {
  return Array.from({ length: Math.max(left.length, right.length) }, (_, i) => ({ left: left[i], right: right[i] }));
}
