/** What every workflow catalog builds from: the shape of a gate, its edits, and small helpers. */
import type { BlockType } from '../../lib/domain/enums';
import type { Rng } from './rng';

export type Json = Record<string, unknown>;
/** Changes a copy of a snapshot the way a reviewer would, and returns the note they would leave. */
export type Edit = (snapshot: Json, rng: Rng) => string;

export interface GateSpec {
  blockId: string;
  blockType: BlockType;
  output: Json;
  edits: Edit[];
  triggeredBy?: { kind: string } & Json;
  rejectReasons: string[];
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const day = (date: Date): string => date.toISOString().slice(0, 10);
export const addDays = (date: Date, days: number): Date => new Date(date.getTime() + days * DAY);
export const round2 = (value: number): number => Math.round(value * 100) / 100;
export const confidence = (rng: Rng, min: number, max: number): number =>
  Math.round(rng.between(min, max) * 1000) / 1000;

/** The customers, claimants and employees the demo documents name. */
export const PEOPLE_NAMES = [
  'Maria Fernández',
  'Jonas Weber',
  'Aiko Tanaka',
  'Oluwaseun Adeyemi',
  'Liam O’Connor',
  'Sofia Rossi',
  'Mateus Silva',
  'Emma Johansson',
  'Rahul Mehta',
  'Chloé Martin',
];

export function asArray(value: unknown): Json[] {
  return Array.isArray(value) ? (value as Json[]) : [];
}

export function classifierEdits(labels: readonly string[]): Edit[] {
  return [
    (s, rng) => {
      const others = labels.filter((label) => label !== s.label);
      const label = rng.pick(others);
      const previous = String(s.label);
      s.label = label;
      s.confidence = 1;
      s.rationale = `Reviewer: ${String(s.rationale)} — but the content is a ${label.replaceAll('_', ' ')}.`;
      return `Relabelled ${previous} → ${label}.`;
    },
  ];
}

export function splitBoundaryEdit(s: Json): string {
  const segments = asArray(s.segments ?? s.documents);
  const first = segments[0];
  const second = segments[1];
  if (!first || !second) return 'No change.';
  const end = Number(first.end_page) + 1;
  if (end >= Number(second.end_page)) return 'Checked the boundaries: no change.';
  first.end_page = end;
  second.start_page = end + 1;
  return `The signature page ${end} belongs to the first document.`;
}

/** A demo workflow: its versions, its model, how often it runs, and the gates one run opens. */
export interface Workflow {
  id: string;
  versionIds: [current: string, previous: string];
  model: { id: string; display_name: string };
  weight: number;
  gates: (rng: Rng, at: Date) => GateSpec[];
}
