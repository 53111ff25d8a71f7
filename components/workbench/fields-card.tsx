'use client';

import { useMemo } from 'react';
import { attentionPaths } from '@/lib/workbench/field-table';
import { FieldsPanel } from './fields-panel';
import { ThresholdControl } from './fields-toolbar';
import { useFormModel, useSchemaErrors, useSchemaValidator, type Workbench } from './use-workbench';

const NO_CONFLICTS: ReadonlySet<string> = new Set();

/** The head version as a table of fields, read-only: what the reviewer checks against the document. */
export function FieldsCard({ workbench, headSeq }: { workbench: Workbench; headSeq: number }) {
  const { head, schema } = workbench;
  const model = useFormModel(schema, head);
  const errors = useSchemaErrors(useSchemaValidator(schema), head);
  const attention = useMemo(
    () =>
      attentionPaths({
        model,
        current: head,
        modelOutput: workbench.modelOutput,
        likelihoods: workbench.likelihoods,
        threshold: workbench.threshold,
      }).length,
    [model, head, workbench.modelOutput, workbench.likelihoods, workbench.threshold],
  );
  const context = {
    modelOutput: workbench.modelOutput,
    likelihoods: workbench.likelihoods,
    threshold: workbench.threshold,
    errors,
    editing: false,
    selected: workbench.selectedPointer,
    conflicts: NO_CONFLICTS,
    cited: workbench.cited,
    onChangeAt: noop,
    removeRow: noop,
    onSelect: workbench.select,
    revealed: workbench.revealed,
  };
  return (
    <section aria-labelledby="fields-heading" className="rounded-lg border border-line" data-testid="fields-card">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-line bg-surface px-4 py-2">
        <h2 id="fields-heading" className="text-sm font-semibold">
          Fields <span className="font-normal text-fg-muted">— v{headSeq}, the head, against the model output</span>
        </h2>
        <ThresholdControl
          threshold={workbench.threshold}
          onThresholdChange={workbench.setThreshold}
          attentionCount={attention}
        />
      </div>
      <div className="p-3">
        <FieldsPanel model={model} value={head} context={context} />
      </div>
    </section>
  );
}

function noop() {}
