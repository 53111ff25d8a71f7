/**
 * The SLA form's draft: what the admin typed, as text, and the PATCH body it becomes. Checked
 * here so the form can say what is wrong beside the field; the API checks the same again.
 */
import { MAX_SLA_MINUTES, type OrganizationSettings, type OrganizationSettingsPatch } from '@/lib/insight/schemas';

export interface SlaDraft {
  default: string;
  rows: { priority: string; minutes: string }[];
}

export function draftOf(settings: OrganizationSettings): SlaDraft {
  const rows = Object.entries(settings.sla_minutes.by_priority)
    .map(([priority, minutes]) => ({ priority, minutes: String(minutes) }))
    .sort((a, b) => Number(b.priority) - Number(a.priority));
  return { default: String(settings.sla_minutes.default), rows };
}

const isMinutes = (text: string) => /^\d+$/.test(text.trim()) && Number(text) >= 1 && Number(text) <= MAX_SLA_MINUTES;
const isPriority = (text: string) => /^(0|-?[1-9]\d{0,9})$/.test(text.trim()) && Math.abs(Number(text)) <= 2 ** 31 - 1;

export type SlaDraftResult =
  | { ok: true; patch: OrganizationSettingsPatch }
  | { ok: false; problems: { field: string; message: string }[] };

/** The PATCH body of a draft, or what is wrong with it, each problem naming its field's id suffix. */
export function patchOf(draft: SlaDraft): SlaDraftResult {
  const problems: { field: string; message: string }[] = [];
  const minutesProblem = `Whole minutes from 1 to ${MAX_SLA_MINUTES.toLocaleString('en-US')} (a year).`;
  if (!isMinutes(draft.default)) problems.push({ field: 'default', message: minutesProblem });
  const byPriority: Record<string, number> = {};
  const seen = new Set<number>();
  draft.rows.forEach((row, index) => {
    const priority = row.priority.trim();
    if (!isPriority(priority)) problems.push({ field: `priority-${index}`, message: 'A priority is a whole number.' });
    else if (seen.has(Number(priority))) {
      problems.push({ field: `priority-${index}`, message: `Priority ${priority} is listed twice.` });
    }
    seen.add(Number(priority));
    if (!isMinutes(row.minutes)) problems.push({ field: `minutes-${index}`, message: minutesProblem });
    if (isPriority(priority) && isMinutes(row.minutes)) byPriority[String(Number(priority))] = Number(row.minutes);
  });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, patch: { sla_minutes: { default: Number(draft.default), by_priority: byPriority } } };
}
