'use client';

import { useMemo } from 'react';
import { diffTree, type JsonChange, listChanges } from '@/lib/json-tools/json-diff';
import { formatPath } from '@/lib/json-tools/json-path';
import { previewJson } from '@/lib/json-tools/json-value';
import { CHANGE_STYLES, ChangeMarker } from './change-marker';
import { buildDiffRows, type DiffLine } from './version-diff-rows';

type VersionSide = { label: string; snapshot: unknown };

export type VersionDiffProps = { left: VersionSide; right: VersionSide };

export function VersionDiff({ left, right }: VersionDiffProps) {
  const { changes, rows } = useMemo(() => {
    const tree = diffTree(left.snapshot, right.snapshot);
    return { changes: listChanges(tree), rows: buildDiffRows(tree) };
  }, [left.snapshot, right.snapshot]);

  return (
    <section aria-label={`${left.label} compared with ${right.label}`} className="space-y-3 text-sm">
      <ChangeSummary changes={changes} />
      <div className="overflow-x-auto rounded-md border border-neutral-200 dark:border-neutral-800">
        <table className="w-full table-fixed border-collapse font-mono text-xs leading-5">
          <thead className="bg-neutral-50 text-left font-sans text-neutral-700 dark:bg-neutral-900 dark:text-neutral-300">
            <tr>
              <th scope="col" className="border-b border-neutral-200 px-3 py-1.5 font-medium dark:border-neutral-800">
                {left.label}
              </th>
              <th
                scope="col"
                className="border-b border-l border-neutral-200 px-3 py-1.5 font-medium dark:border-neutral-800"
              >
                {right.label}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i}>
                <DiffCell line={row.left} />
                <DiffCell line={row.right} className="border-l border-neutral-200 dark:border-neutral-800" />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function DiffCell({ line, className = '' }: { line: DiffLine | undefined; className?: string }) {
  if (!line) return <td className={`bg-neutral-50 dark:bg-neutral-900 ${className}`} />;
  const tone = line.kind ? CHANGE_STYLES[line.kind].tone : '';
  return (
    <td className={`px-1 align-top ${tone} ${className}`}>
      <div className="flex">
        <ChangeMarker kind={line.kind} />
        <span className="min-w-0 whitespace-pre-wrap wrap-anywhere">{line.text}</span>
      </div>
    </td>
  );
}

function ChangeSummary({ changes }: { changes: JsonChange[] }) {
  if (changes.length === 0) return <p className="text-neutral-600 dark:text-neutral-400">No fields changed.</p>;
  return (
    <div>
      <h3 className="font-medium">
        {changes.length} {changes.length === 1 ? 'field' : 'fields'} changed
      </h3>
      <ul className="mt-1 space-y-0.5 text-xs">
        {changes.map((change) => (
          <li key={`${change.kind}:${JSON.stringify(change.path)}`} className="flex items-baseline gap-2">
            <span className={`inline-flex rounded px-0.5 font-mono ${CHANGE_STYLES[change.kind].tone}`}>
              <ChangeMarker kind={change.kind} />
            </span>
            <code className="font-mono">{formatPath(change.path)}</code>
            <span className="truncate font-mono text-neutral-500 dark:text-neutral-400">{describeValues(change)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function describeValues(change: JsonChange): string {
  switch (change.kind) {
    case 'added':
      return previewJson(change.after);
    case 'removed':
      return previewJson(change.before);
    case 'changed':
      return `${previewJson(change.before, 30)} → ${previewJson(change.after, 30)}`;
  }
}
