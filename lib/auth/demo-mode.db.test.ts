/**
 * The sign-in page points to the demo's published logins only when the launcher runs the demo,
 * never merely because someone once seeded the demo organization into a real database.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetDatabase } from '../../test/db';
import { upsertUser } from '../admin/actors';
import { reloadEnv } from '../env';
import { getDemoMode } from './demo-mode';

const originalDemoMode = process.env.DEMO_MODE;

function setDemoMode(value: string | undefined): void {
  if (value === undefined) delete process.env.DEMO_MODE;
  else process.env.DEMO_MODE = value;
  reloadEnv();
}

beforeEach(async () => {
  await resetDatabase();
  await upsertUser({
    orgSlug: 'demo',
    email: 'dana@demo.reviewinbox.dev',
    name: 'Dana Rivera',
    role: 'reviewer',
    password: 'review-inbox-demo',
  });
});

afterEach(() => setDemoMode(originalDemoMode));

describe('getDemoMode', () => {
  it('lists the demo logins when the launcher runs the demo', async () => {
    setDemoMode('true');
    expect(await getDemoMode()).toEqual({
      password: 'review-inbox-demo',
      logins: [{ email: 'dana@demo.reviewinbox.dev', name: 'Dana Rivera', role: 'reviewer' }],
    });
  });

  it('lists nothing outside demo mode, even where the demo organization exists', async () => {
    setDemoMode(undefined);
    expect(await getDemoMode()).toBeNull();
    setDemoMode('false');
    expect(await getDemoMode()).toBeNull();
  });
});
