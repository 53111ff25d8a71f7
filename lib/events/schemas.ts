import { z } from 'zod';
import { ZOverlayStatus } from '../reviews/schemas';

export const ZReadyEvent = z
  .object({})
  .meta({ id: 'ReadyEvent', description: 'Always `{}`: the stream is listening from here on.' });

export const ZReviewChangedEvent = z
  .object({
    workflow_run_id: z.string(),
    block_id: z.string(),
    block_run_id: z.string().describe('`<workflow_run_id>:<block_id>`, the overlay’s `_id`.'),
    rev: z.int().min(0).describe('The overlay’s `rev` after the change.'),
    status: ZOverlayStatus,
  })
  .meta({ id: 'ReviewChangedEvent', description: 'Which overlay changed, and its new `rev` and `status`.' });
