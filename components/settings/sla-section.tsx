'use client';

import { useState } from 'react';
import { useOrganizationSettings, useUpdateOrganizationSettings } from '@/lib/client/use-organization-settings';
import { formatDuration } from '@/lib/format/time';
import type { OrganizationSettings } from '@/lib/insight/schemas';
import { FIELD_CLASS } from '../review/textarea-field';
import { Button } from '../ui/button';
import { CELL, DataTable } from '../ui/data-table';
import { QueryBody } from '../ui/query-body';
import { useToast } from '../ui/toast';
import { FormError } from './settings-error';
import { SettingsSection } from './settings-section';
import { draftOf, patchOf, type SlaDraft } from './sla-draft';

const inWords = (minutes: number) => formatDuration(minutes * 60_000);

/** How long an awaiting review may wait, per priority. Admins edit; leads see it read-only. */
export function SlaSection({ canManage }: { canManage: boolean }) {
  const settings = useOrganizationSettings();
  return (
    <SettingsSection
      id="sla"
      title="SLA"
      description={
        canManage
          ? 'How long a review may wait for a decision, by priority. The inbox marks a review "at risk" in the last 20% of its time and "SLA breached" once it is past; the dashboard counts both.'
          : 'How long a review may wait for a decision, by priority. Only admins change it.'
      }
    >
      <QueryBody query={settings} what="SLA settings">
        {(data) => (canManage ? <SlaForm key={JSON.stringify(data)} settings={data} /> : <SlaTable settings={data} />)}
      </QueryBody>
    </SettingsSection>
  );
}

function SlaTable({ settings }: { settings: OrganizationSettings }) {
  const { rows } = draftOf(settings);
  return (
    <DataTable label="SLA by priority" head={['Priority', 'Minutes', '']}>
      {rows.map((row) => (
        <tr key={row.priority}>
          <td className={CELL}>{row.priority}</td>
          <td className={`${CELL} tabular-nums`}>{row.minutes}</td>
          <td className={`${CELL} text-fg-muted`}>{inWords(Number(row.minutes))}</td>
        </tr>
      ))}
      <tr>
        <td className={CELL}>Any other</td>
        <td className={`${CELL} tabular-nums`}>{settings.sla_minutes.default}</td>
        <td className={`${CELL} text-fg-muted`}>{inWords(settings.sla_minutes.default)}</td>
      </tr>
    </DataTable>
  );
}

function MinutesInput({
  id,
  label,
  value,
  problem,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  problem: string | undefined;
  onChange(value: string): void;
}) {
  const minutes = Number(value);
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <div className="flex items-center gap-2">
        {/* FIELD_CLASS fills its box: the box sets the width. */}
        <div className="w-28">
          <input
            id={id}
            inputMode="numeric"
            value={value}
            onChange={(event) => onChange(event.target.value)}
            aria-invalid={problem ? true : undefined}
            aria-describedby={`${id}-hint`}
            className={FIELD_CLASS}
          />
        </div>
        <span id={`${id}-hint`} className="w-32 text-xs text-fg-muted">
          {problem ?? (Number.isInteger(minutes) && minutes > 0 ? `minutes (${inWords(minutes)})` : 'minutes')}
        </span>
      </div>
    </div>
  );
}

function SlaForm({ settings }: { settings: OrganizationSettings }) {
  const [draft, setDraft] = useState<SlaDraft>(() => draftOf(settings));
  const [problems, setProblems] = useState<Map<string, string>>(new Map());
  const update = useUpdateOrganizationSettings();
  const toast = useToast();
  const setRow = (index: number, change: Partial<SlaDraft['rows'][number]>) =>
    setDraft({ ...draft, rows: draft.rows.map((row, i) => (i === index ? { ...row, ...change } : row)) });

  return (
    <form
      className="max-w-xl space-y-4 rounded-md border border-line bg-surface p-4"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const result = patchOf(draft);
        if (!result.ok) {
          setProblems(new Map(result.problems.map((problem) => [problem.field, problem.message])));
          return;
        }
        setProblems(new Map());
        update.mutate(result.patch, { onSuccess: () => toast({ tone: 'success', title: 'SLA saved' }) });
      }}
    >
      <MinutesInput
        id="sla-default"
        label="Any priority not listed"
        value={draft.default}
        problem={problems.get('default')}
        onChange={(value) => setDraft({ ...draft, default: value })}
      />
      <fieldset className="space-y-3">
        <legend className="text-sm font-medium">By priority</legend>
        {draft.rows.length === 0 && <p className="text-sm text-fg-muted">Every priority has the time above.</p>}
        {draft.rows.map((row, index) => (
          <div key={index} className="flex flex-wrap items-end gap-3">
            <div className="space-y-1">
              <label htmlFor={`sla-priority-${index}`} className="block text-sm font-medium">
                Priority
              </label>
              <div className="w-20">
                <input
                  id={`sla-priority-${index}`}
                  inputMode="numeric"
                  value={row.priority}
                  onChange={(event) => setRow(index, { priority: event.target.value })}
                  aria-invalid={problems.has(`priority-${index}`) ? true : undefined}
                  aria-describedby={problems.has(`priority-${index}`) ? `sla-priority-${index}-problem` : undefined}
                  className={FIELD_CLASS}
                />
              </div>
            </div>
            <MinutesInput
              id={`sla-minutes-${index}`}
              label={`Minutes for priority ${row.priority || '…'}`}
              value={row.minutes}
              problem={problems.get(`minutes-${index}`)}
              onChange={(value) => setRow(index, { minutes: value })}
            />
            <Button
              variant="ghost"
              aria-label={`Remove priority ${row.priority}`}
              onClick={() => setDraft({ ...draft, rows: draft.rows.filter((_, i) => i !== index) })}
            >
              Remove
            </Button>
            {problems.has(`priority-${index}`) && (
              <p id={`sla-priority-${index}-problem`} className="w-full text-xs text-red-700 dark:text-red-400">
                {problems.get(`priority-${index}`)}
              </p>
            )}
          </div>
        ))}
        <Button onClick={() => setDraft({ ...draft, rows: [...draft.rows, { priority: '', minutes: draft.default }] })}>
          Add priority
        </Button>
      </fieldset>
      <FormError error={update.error} />
      <div className="flex justify-end">
        <Button type="submit" variant="primary" busy={update.isPending}>
          Save SLA
        </Button>
      </div>
    </form>
  );
}
