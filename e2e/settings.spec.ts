/**
 * The admin pages at /settings: API keys shown once and revoked at once, a webhook endpoint whose
 * deliveries a receiver run by this test verifies, and who may see what.
 */
import { expect, type Locator, type Page, test } from '@playwright/test';
import { Webhook } from 'standardwebhooks';
import { type ReceivedRequest, TestReceiver } from '../test/receiver';
import { openGate, screenshot, signIn, uniqueId } from './helpers';
import { REVIEWER_KEY } from './review-helpers';

/** Everything a person could read or copy off the page: its text and the values of its fields. */
async function pageHolds(page: Page, secret: string): Promise<boolean> {
  return page.evaluate(
    (text) =>
      (document.body.textContent ?? '').includes(text) ||
      [...document.querySelectorAll('input, textarea')].some((field) =>
        (field as HTMLInputElement).value.includes(text),
      ) ||
      document.documentElement.outerHTML.includes(text),
    secret,
  );
}

/** Reads the secret a dialog shows once, copies it with its button, closes the dialog, and returns it. */
async function takeSecretOnce(page: Page, dialog: Locator, label: string): Promise<string> {
  const secret = await dialog.getByLabel(label).inputValue();
  await dialog.getByRole('button', { name: 'Copy' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Copied to the clipboard.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  expect(await pageHolds(page, secret)).toBe(false);
  return secret;
}

function verifies(request: ReceivedRequest, secret: string): boolean {
  try {
    new Webhook(secret).verify(request.body, request.headers);
    return true;
  } catch {
    return false;
  }
}

test.describe('settings', () => {
  let receiver: TestReceiver;
  let receiverUrl: string;

  test.beforeEach(async () => {
    receiver = new TestReceiver(() => 200);
    receiverUrl = await receiver.listen();
  });

  test.afterEach(async () => {
    await receiver.close();
  });

  test('an admin creates a key and a webhook, sees a decision delivered and redelivers it', async ({
    page,
    request,
  }) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await signIn(page, 'alex');
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();

    // A key, shown once.
    const keyName = uniqueId('CI key');
    await page.getByRole('button', { name: 'Create API key' }).click();
    const createKey = page.getByRole('dialog', { name: 'Create an API key' });
    await expect(createKey.getByLabel('Name')).toBeFocused();
    await createKey.getByLabel('Name').fill(keyName);
    await createKey.getByLabel('Kind').selectOption('agent');
    await createKey.getByLabel('Role').selectOption('reviewer');
    await createKey.getByRole('button', { name: 'Create key' }).click();
    const keyShown = page.getByRole('dialog', { name: `Key “${keyName}” created` });
    await expect(keyShown.getByLabel('API key')).toBeFocused();
    await screenshot(page, 'settings-key-shown-once');
    const key = await takeSecretOnce(page, keyShown, 'API key');
    const keyRow = page.getByRole('table', { name: 'API keys' }).getByRole('row', { name: new RegExp(keyName) });
    await expect(keyRow).toContainText('Reviewer');
    await expect(keyRow).toContainText('Active');
    const queue = () => request.get('/v1/workflows/reviews?limit=1', { headers: { 'api-key': key } });
    expect((await queue()).status()).toBe(200);

    // A webhook endpoint for decisions only, its secret shown once.
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    const addEndpoint = page.getByRole('dialog', { name: 'Add a webhook endpoint' });
    await addEndpoint.getByLabel('URL').fill(receiverUrl);
    await addEndpoint.getByLabel('Description').fill('e2e receiver');
    for (const type of ['review.opened', 'review.reopened', 'run.resumed', 'run.cancelled']) {
      await addEndpoint.getByRole('checkbox', { name: new RegExp(type.replace('.', '\\.')) }).uncheck();
    }
    await addEndpoint.getByRole('button', { name: 'Add endpoint' }).click();
    const secret = await takeSecretOnce(page, page.getByRole('dialog', { name: 'Endpoint added' }), 'Signing secret');
    const card = page.getByRole('article', { name: receiverUrl });
    await expect(card).toContainText('review.decided');
    await expect(card).toContainText('No deliveries yet');

    // A reviewer approves; the receiver gets it, signed with the secret.
    const gate = await openGate(request, { workflowId: uniqueId('wf-settings') });
    const decision = await request.post(`/v1/workflows/reviews/${gate.runId}/${gate.blockId}/decision`, {
      headers: { 'api-key': REVIEWER_KEY },
      data: { verdict: 'approved', version_stamp: gate.rev },
    });
    expect(decision.status(), await decision.text()).toBe(200);
    await expect.poll(() => receiver.received.length).toBe(1);
    const [first] = receiver.received as [ReceivedRequest];
    expect(JSON.parse(first.body)).toMatchObject({ type: 'review.decided', data: { workflow_run_id: gate.runId } });
    expect(verifies(first, secret)).toBe(true);
    expect(verifies(first, `whsec_${Buffer.from('not the secret').toString('base64')}`)).toBe(false);
    const webhookId = first.headers['webhook-id'] as string;

    // The settings page shows it delivered; redelivering sends the same event again.
    await page.reload();
    const row = card.getByRole('row', { name: new RegExp(webhookId) });
    await expect(row).toContainText('Delivered');
    await expect(row).toContainText('200');
    await screenshot(page, 'settings-admin');
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'settings-webhooks');
    await row.getByRole('button', { name: /^Redeliver/ }).click();
    await expect(page.getByText('Redelivery queued')).toBeVisible();
    await expect.poll(() => receiver.idsReceived()).toEqual([webhookId, webhookId]);
    expect(verifies(receiver.received[1] as ReceivedRequest, secret)).toBe(true);
    await expect(row).toContainText('Delivered');

    // Revoking the key: its very next request is refused.
    await keyRow.getByRole('button', { name: `Revoke ${keyName}` }).click();
    const revoke = page.getByRole('dialog', { name: `Revoke “${keyName}”?` });
    await expect(revoke.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await revoke.getByRole('button', { name: 'Revoke key' }).click();
    await expect(keyRow).toContainText('Revoked');
    expect((await queue()).status()).toBe(401);
  });

  test('an admin invites a person, whose one-use link lets them set a password and sign in', async ({
    page,
    browser,
  }) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await signIn(page, 'alex');
    await page.goto('/settings#people');
    const email = `${uniqueId('ana')}@demo.reviewinbox.dev`;
    await page.getByRole('button', { name: 'Add person' }).click();
    const add = page.getByRole('dialog', { name: 'Add a person' });
    await add.getByLabel('Email').fill(email);
    await add.getByLabel('Name').fill('Ana Ruiz');
    await add.getByRole('button', { name: 'Add and get invite link' }).click();
    const link = await takeSecretOnce(page, page.getByRole('dialog', { name: 'Ana Ruiz is invited' }), 'Invite link');
    const row = page.getByRole('table', { name: 'People' }).getByRole('row', { name: new RegExp(email) });
    await expect(row.getByRole('combobox', { name: 'Role of Ana Ruiz' })).toHaveValue('reviewer');

    const invited = await browser.newContext();
    const invitee = await invited.newPage();
    await invitee.goto(link);
    await invitee.getByLabel('New password').fill('a long enough password');
    await invitee.getByLabel('Repeat the password').fill('a long enough password');
    await invitee.getByRole('button', { name: 'Set password and sign in' }).click();
    await expect(invitee.getByRole('button', { name: 'Ana Ruiz, account menu' })).toBeVisible();
    // One use only.
    await invitee.goto(link);
    await invitee.getByLabel('New password').fill('another long password');
    await invitee.getByLabel('Repeat the password').fill('another long password');
    await invitee.getByRole('button', { name: 'Set password and sign in' }).click();
    await expect(invitee.getByText('This invitation link was already used')).toBeVisible();
    await invited.close();
  });

  test('a lead sees the webhooks and their deliveries, read-only, and nothing else', async ({ page }) => {
    await signIn(page, 'morgan');
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Webhooks' })).toBeVisible();
    // The demo's endpoint, pointing at the example receiver.
    await expect(page.getByRole('article').first()).toContainText('Recent deliveries');
    await expect(page.getByRole('heading', { name: 'API keys' })).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'People' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /Add endpoint|Redeliver|Delete|Rotate secret/ })).toHaveCount(0);
    await screenshot(page, 'settings-lead');
  });

  test('a reviewer has no link to settings and is told they are not allowed', async ({ page }) => {
    await signIn(page, 'dana');
    await page.goto('/');
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inbox' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Settings' })).toHaveCount(0);
    await page.goto('/settings');
    await expect(page.getByRole('heading', { level: 1, name: 'Not allowed' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Create API key' })).toHaveCount(0);
  });
});
