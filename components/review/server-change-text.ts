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

export function formatTimeAgo(at: string, now: number): string {
  const seconds = Math.round((now - Date.parse(at)) / 1000);
  if (Number.isNaN(seconds)) return at;
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} hr ago`;
  const days = Math.round(hours / 24);
  return `${days} ${days === 1 ? 'day' : 'days'} ago`;
}
