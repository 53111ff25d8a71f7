const EVENT_PHRASES = new Map<string, string>([
  ['gate_opened', 'opened the review'],
  ['claimed', 'claimed the review'],
  ['claim_renewed', 'renewed their claim'],
  ['claim_taken_over', 'took over the claim'],
  ['claim_released', 'released the claim'],
  ['version_appended', 'appended a new version'],
  ['version_reverted', 'reverted to an earlier version'],
  ['approved', 'approved the review'],
  ['rejected', 'rejected the review'],
  ['reopened', 'reopened the review'],
]);

/** The audit event as a sentence predicate; an event added to the contract later still reads. */
export function describeEvent(event: string): string {
  return EVENT_PHRASES.get(event) ?? event.replaceAll('_', ' ');
}
