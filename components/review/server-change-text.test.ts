import { describe, expect, it } from 'vitest';
import { describeEvent } from './server-change-text';

describe('describeEvent', () => {
  it('phrases known audit events', () => {
    expect(describeEvent('version_appended')).toBe('appended a new version');
    expect(describeEvent('claim_taken_over')).toBe('took over the claim');
  });

  it('falls back to the event name in words', () => {
    expect(describeEvent('output_archived')).toBe('output archived');
    expect(describeEvent('constructor')).toBe('constructor');
  });
});
