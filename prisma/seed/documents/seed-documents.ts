/**
 * Reviews with their source documents: PDF invoices, receipts and ID cards drawn by the seed,
 * stored through the file storage, and gates that cite them, with a JSON Schema per document
 * type and the model's likelihoods. One invoice has 400 line items, to try the workbench on a
 * large output.
 */
import type { Caller } from '../../../lib/auth/authorization';
import { storeFile } from '../../../lib/files/service';
import { openGate } from '../../../lib/reviews/service';
import { DAY, HOUR, MINUTE } from '../gate-builders';
import { createRng, type Rng } from '../rng';
import { mapWithConcurrency } from '../write-run';
import type { DemoDocument } from './demo-document';
import { buildIdCard } from './id-card';
import { buildInvoice } from './invoice';
import { buildReceipt } from './receipt';

const INVOICES = 12;
const RECEIPTS = 10;
const ID_CARDS = 8;
export const LARGE_INVOICE_LINES = 400;
/** The run of the large invoice, a fixed id so that the workbench's checks can open it. */
export const LARGE_INVOICE_RUN_ID = 'run_invoice_400_lines';
export const DOCUMENT_REVIEWS = INVOICES + RECEIPTS + ID_CARDS + 1;

interface PlannedDocument {
  runId: string;
  openedAt: Date;
  /** The first of each kind sorts near the top of the inbox, for a newcomer to find. */
  priority: number;
  build: () => Promise<DemoDocument>;
}

function plan(rng: Rng, now: number): PlannedDocument[] {
  const planned: PlannedDocument[] = [];
  const add = (count: number, build: (rng: Rng, at: Date) => Promise<DemoDocument>) => {
    for (let index = 0; index < count; index++) {
      const openedAt = new Date(now - Math.round(rng.between(10 * MINUTE, 6 * DAY)));
      planned.push({
        runId: `run_doc_${rng.id(10)}`,
        openedAt,
        priority: index === 0 ? 3 : 0,
        build: () => build(rng, openedAt),
      });
    }
  };
  add(INVOICES, (r, at) => buildInvoice(r, at, r.int(2, 9)));
  add(RECEIPTS, buildReceipt);
  add(ID_CARDS, buildIdCard);
  const largeAt = new Date(now - 2 * HOUR);
  planned.push({
    runId: LARGE_INVOICE_RUN_ID,
    openedAt: largeAt,
    priority: 0,
    build: () => buildInvoice(rng, largeAt, LARGE_INVOICE_LINES),
  });
  return planned;
}

async function writeDocumentReview(engine: Caller, planned: PlannedDocument, document: DemoDocument): Promise<void> {
  const file = await storeFile(engine, { name: document.fileName, mimeType: 'application/pdf', bytes: document.pdf });
  await openGate(
    engine,
    {
      workflow_id: document.workflowId,
      workflow_version_id: `${document.workflowId}-v1`,
      workflow_run_id: planned.runId,
      block_id: document.blockId,
      block_type: document.blockType,
      model_output: document.output,
      model: document.model,
      priority: planned.priority,
      sources: [{ name: document.fileName, mime_type: 'application/pdf', file_id: file.file_id }],
      json_schema: document.jsonSchema,
      likelihoods: document.likelihoods,
      citations: document.citations,
    },
    () => planned.openedAt,
  );
}

/** Seeds the document reviews; `seed` gives them a random sequence of their own. */
export async function seedDocumentReviews(engine: Caller, seed: number, now: number): Promise<void> {
  const rng = createRng(seed);
  // Built one after another, so that the documents do not depend on how writes interleave.
  const built: [PlannedDocument, DemoDocument][] = [];
  for (const planned of plan(rng, now)) built.push([planned, await planned.build()]);
  await mapWithConcurrency(built, 4, ([planned, document]) => writeDocumentReview(engine, planned, document));
}
