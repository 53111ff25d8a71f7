import type { z } from 'zod';
import type { Action, Caller } from '../auth/authorization';
import { apiRoute } from '../http/api-route';
import { ZOverlayParams } from './schemas';
import type { CommandResult, OverlayKey } from './service';

/**
 * The POST of an overlay command that answers with the overlay (every command but /decision):
 * a replayed command id is marked with `Idempotent-Replayed: true`, as the contract asks.
 */
export function overlayCommandRoute<B>(
  action: Action,
  body: z.ZodType<B>,
  run: (caller: Caller, key: Omit<OverlayKey, 'organizationId'>, body: B) => Promise<CommandResult>,
) {
  return apiRoute({ action, params: ZOverlayParams, body }, async ({ caller, params, body: parsed }) => {
    const result = await run(caller, params, parsed);
    const headers: Record<string, string> = result.replayed ? { 'idempotent-replayed': 'true' } : {};
    return { body: result.overlay, headers };
  });
}
