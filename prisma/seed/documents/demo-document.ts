/** What each demo document builder returns: the PDF and the gate that cites it. */
import type { BlockType } from '../../../lib/domain/enums';
import type { Json } from '../gate-builders';
import type { Rng } from '../rng';
import { type BBox, cite, type Placed } from './pdf-canvas';

export interface DemoDocument {
  workflowId: string;
  blockId: string;
  blockType: BlockType;
  model: { id: string; display_name: string };
  fileName: string;
  pdf: Uint8Array;
  output: Json;
  jsonSchema: Json;
  likelihoods: Json;
  citations: Record<string, { source: number; page: number; bbox: BBox; text: string }[]>;
}

/**
 * Collects an output's citations and likelihoods as its values are read off the page: most
 * fields read cleanly, some are uncertain (below 0.6), and an uncertain one is sometimes misread.
 */
export class Extraction {
  readonly citations: DemoDocument['citations'] = {};

  constructor(private readonly rng: Rng) {}

  /** Cites `placed` at `pointer` and answers the likelihood of the value read there. */
  read(pointer: string, placed: Placed, uncertainty = 0.12): number {
    this.citations[pointer] = [cite(placed)];
    return this.rng.chance(uncertainty)
      ? Math.round(this.rng.between(0.31, 0.59) * 100) / 100
      : Math.round(this.rng.between(0.86, 0.995) * 1000) / 1000;
  }
}

/** `1294.5` → `1,294.50`: amounts as documents print them. */
export function money(value: number): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
