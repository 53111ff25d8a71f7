import { describe, expect, it } from 'vitest';
import { parseLaunchOptions, privateWebhookUrlsByDefault } from './launch-options';

describe('parseLaunchOptions', () => {
  it('runs the demo on the embedded database', () => {
    expect(parseLaunchOptions(['dev'], { databaseConfigured: false })).toEqual({ mode: 'dev', demo: true });
    expect(parseLaunchOptions(['start'], { databaseConfigured: false })).toEqual({ mode: 'start', demo: true });
  });

  it('keeps demo data and demo logins away from a database the user brings', () => {
    expect(parseLaunchOptions(['start'], { databaseConfigured: true })).toEqual({ mode: 'start', demo: false });
    expect(parseLaunchOptions(['dev'], { databaseConfigured: true })).toEqual({ mode: 'dev', demo: false });
  });

  it('runs the demo on a database the user brings only when asked with --demo', () => {
    expect(parseLaunchOptions(['start', '--demo'], { databaseConfigured: true })).toEqual({
      mode: 'start',
      demo: true,
    });
  });

  it('refuses an unknown mode or argument with the usage', () => {
    expect(parseLaunchOptions(['serve'], { databaseConfigured: false })).toMatch(/unknown mode serve\nusage:/);
    expect(parseLaunchOptions([], { databaseConfigured: false })).toMatch(/unknown mode \(none\)/);
    expect(parseLaunchOptions(['start', '--demo=yes'], { databaseConfigured: true })).toMatch(
      /unknown argument\(s\): --demo=yes\nusage:/,
    );
  });
});

describe('privateWebhookUrlsByDefault', () => {
  it('lets npm run dev and the demo send webhooks to this machine, and nothing else', () => {
    expect(privateWebhookUrlsByDefault({ mode: 'dev', demo: false })).toBe(true);
    expect(privateWebhookUrlsByDefault({ mode: 'start', demo: true })).toBe(true);
    expect(privateWebhookUrlsByDefault({ mode: 'start', demo: false })).toBe(false);
  });
});
