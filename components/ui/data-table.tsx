import type { ReactNode } from 'react';

export const CELL = 'px-3 py-2 align-baseline';
export const HEAD_CELL = 'px-3 py-2 text-left text-xs font-semibold text-fg-muted';

/**
 * A bordered table that scrolls sideways inside its frame on a narrow screen rather than
 * pushing the page wider. `label` is what a screen reader announces it as; an empty heading is
 * announced as "Actions". `minWidth` keeps wide tables (settings lists) from squeezing columns.
 */
export function DataTable({
  label,
  head,
  minWidth,
  children,
}: {
  label: string;
  head: string[];
  minWidth?: string;
  children: ReactNode;
}) {
  return (
    <div className="overflow-x-auto rounded-md border border-line">
      <table aria-label={label} className={`w-full border-collapse text-sm ${minWidth ?? ''}`}>
        <thead className="border-b border-line bg-surface">
          <tr>
            {head.map((title) => (
              <th key={title} scope="col" className={HEAD_CELL}>
                {title || <span className="sr-only">Actions</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-line">{children}</tbody>
      </table>
    </div>
  );
}
