'use client';

import { useId } from 'react';
import { INPUT_CLASS } from '@/components/review/edit-form-inputs';
import { cx } from '@/components/ui/class-names';
import { Kbd } from '@/components/ui/kbd';

/** The reviewer's threshold for flagging a field as uncertain, in percent, and how many fields await a look. */
export function ThresholdControl({
  threshold,
  onThresholdChange,
  attentionCount,
}: {
  threshold: number;
  onThresholdChange(next: number): void;
  attentionCount: number;
}) {
  const id = useId();
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-fg-muted">
      <label htmlFor={id} className="flex items-center gap-1.5">
        Flag below
        <input
          id={id}
          type="number"
          min={1}
          max={100}
          step={5}
          value={Math.round(threshold * 100)}
          onChange={(event) => {
            const percent = Number(event.target.value);
            if (percent >= 1 && percent <= 100) onThresholdChange(percent / 100);
          }}
          className={cx(INPUT_CLASS, 'w-14 text-right')}
        />
        % confidence
      </label>
      <span data-testid="attention-count">
        {attentionCount === 0 ? 'Nothing uncertain or changed' : `${attentionCount} uncertain or changed`} ·{' '}
        <Kbd>n</Kbd> <Kbd>N</Kbd> to step through
      </span>
    </div>
  );
}

export type FieldsView = 'fields' | 'diff';

/** Fields table or the raw side-by-side JSON diff of two versions. */
export function ViewSwitch({ view, onViewChange }: { view: FieldsView; onViewChange(next: FieldsView): void }) {
  return (
    <fieldset className="inline-flex rounded-md border border-line-strong p-0.5">
      <legend className="sr-only">Show</legend>
      {(
        [
          ['fields', 'Fields'],
          ['diff', 'JSON diff'],
        ] as const
      ).map(([value, label]) => (
        <button
          key={value}
          type="button"
          aria-pressed={view === value}
          onClick={() => onViewChange(value)}
          className={cx(
            'rounded px-2.5 py-0.5 text-xs',
            view === value ? 'bg-fg text-canvas' : 'text-fg-muted hover:bg-hover',
          )}
        >
          {label}
        </button>
      ))}
    </fieldset>
  );
}
