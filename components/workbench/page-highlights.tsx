'use client';

import { cx } from '@/components/ui/class-names';
import type { JsonPath } from '@/lib/json-tools/json-path';
import type { PlacedCitation } from '@/lib/workbench/field-table';

/**
 * The cited boxes on one page, in fractions of it. The selected field's boxes stand out; hovering
 * any box names its field, and clicking it selects that field in the table.
 */
export function PageHighlights({
  citations,
  selectedPointer,
  onSelect,
}: {
  citations: readonly PlacedCitation[];
  selectedPointer: string | null;
  onSelect(path: JsonPath): void;
}) {
  return (
    <>
      {citations.map((citation, index) => {
        const [x0, y0, x1, y1] = citation.bbox;
        const selected = citation.pointer === selectedPointer;
        return (
          <button
            // Two citations of one field may share a page: the index tells them apart.
            key={`${citation.pointer}#${index}`}
            type="button"
            data-testid="citation-highlight"
            data-pointer={citation.pointer}
            data-selected={selected || undefined}
            aria-label={`${citation.label}: cited here`}
            onClick={() => onSelect(citation.path)}
            className={cx(
              'group absolute rounded-sm border transition-colors',
              selected
                ? 'z-20 border-2 border-accent bg-blue-400/25 shadow-[0_0_0_3px_rgba(47,107,255,0.25)]'
                : 'z-10 border-amber-500/60 bg-amber-300/15 hover:border-amber-600 hover:bg-amber-300/35',
            )}
            style={{
              left: `${x0 * 100}%`,
              top: `${y0 * 100}%`,
              width: `${(x1 - x0) * 100}%`,
              height: `${(y1 - y0) * 100}%`,
            }}
          >
            <span
              role="tooltip"
              className={cx(
                'pointer-events-none absolute top-1/2 left-full ml-1 -translate-y-1/2 rounded bg-fg px-1.5 py-0.5 text-[11px] font-medium whitespace-nowrap text-canvas shadow',
                selected ? 'block' : 'hidden group-hover:block group-focus-visible:block',
              )}
            >
              {citation.label}
            </span>
          </button>
        );
      })}
    </>
  );
}
