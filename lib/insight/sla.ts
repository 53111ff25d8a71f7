import type { SlaState } from '../domain/enums';

/**
 * SLA rules, zod- and I/O-free: how long an awaiting item of a priority may wait, and where its
 * "breached" and "at risk" begin. Waits are measured from `awaiting_since` (a reopen restarts it).
 */

export interface SlaMinutes {
  default: number;
  /** Minutes by priority, keyed by the priority as a string (a JSON object's key). */
  by_priority: Record<string, number>;
}

/** An organization no administrator has configured: a day for every priority. */
export const DEFAULT_SLA_MINUTES: SlaMinutes = { default: 1440, by_priority: {} };

/** The last fifth of the SLA is "at risk". */
const AT_RISK_FRACTION = 0.8;

export function slaMinutesFor(sla: SlaMinutes, priority: number): number {
  return sla.by_priority[String(priority)] ?? sla.default;
}

export interface SlaBounds {
  /** Breached: waiting since strictly before this (waited longer than the SLA). */
  breachedBefore: Date;
  /** At risk: waiting since this instant or earlier, and not breached (waited 80%–100% of it). */
  atRiskSince: Date;
}

export function slaBounds(sla: SlaMinutes, priority: number, now: Date): SlaBounds {
  return slaBoundsOfMinutes(slaMinutesFor(sla, priority), now);
}

export function slaBoundsOfMinutes(minutes: number, now: Date): SlaBounds {
  const ms = minutes * 60_000;
  return {
    breachedBefore: new Date(now.getTime() - ms),
    atRiskSince: new Date(now.getTime() - ms * AT_RISK_FRACTION),
  };
}

/** Where an item waiting since `awaitingSince` stands within `bounds`: null while on time. */
export function slaStateOf(bounds: SlaBounds, awaitingSince: Date): SlaState | null {
  if (awaitingSince < bounds.breachedBefore) return 'breached';
  if (awaitingSince <= bounds.atRiskSince) return 'at_risk';
  return null;
}

/** The instant an item waiting since `awaitingSince` breaches an SLA of `minutes` (its priority's). */
export function slaDueAt(minutes: number, awaitingSince: Date): Date {
  return new Date(awaitingSince.getTime() + minutes * 60_000);
}

/**
 * Where an item stands at `now` given only when it began waiting and when it is due: the SLA's
 * length is the difference. What a browser uses to keep a row's marker true as time passes.
 */
export function slaStateAt({
  awaitingSince,
  dueAt,
  now,
}: {
  awaitingSince: Date;
  dueAt: Date;
  now: Date;
}): SlaState | null {
  return slaStateOf(slaBoundsOfMinutes((dueAt.getTime() - awaitingSince.getTime()) / 60_000, now), awaitingSince);
}
