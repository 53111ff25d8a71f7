import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, PEOPLE, screenshot, uniqueId } from './helpers';

test.describe('sign-in', () => {
  test('a demo person signs in with the form, then signs out', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByRole('heading', { name: 'Sign in to Review Inbox' })).toBeVisible();

    // Demo mode points to the published logins.
    const demo = page.getByRole('region', { name: 'Demo logins' });
    await expect(demo).toContainText(PEOPLE.dana.email);
    await expect(demo).toContainText(DEMO_PASSWORD);
    await expect(demo).toContainText('npm run seed');
    await expect(page.getByLabel('Email')).toHaveAttribute('autocomplete', 'username');
    await expect(page.getByLabel('Password')).toHaveAttribute('autocomplete', 'current-password');
    await screenshot(page, 'sign-in');

    await page.getByLabel('Email').fill(PEOPLE.dana.email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('heading', { name: 'Inbox', level: 1 })).toBeVisible();
    const menu = page.getByRole('button', { name: /Dana Rivera, account menu/ });
    await menu.click();
    await page.getByRole('button', { name: 'Sign out' }).click();

    await expect(page).toHaveURL(/\/sign-in$/);
    await page.goto('/');
    await expect(page).toHaveURL(/\/sign-in$/);
    // The old session is really gone, not just the cookie.
    expect((await page.request.get('/v1/auth/me')).status()).toBe(401);
  });

  test('a wrong password says so and keeps the person on the form', async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(PEOPLE.sam.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();

    await expect(page.getByRole('alert').filter({ hasText: /./ })).toHaveText(/email and password do not match/);
    await expect(page.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Password')).toBeFocused();
    await expect(page).toHaveURL(/\/sign-in$/);
  });

  test('"Use" fills in a demo login', async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByRole('button', { name: `Fill in ${PEOPLE.priya.name}’s login` }).click();
    await expect(page.getByLabel('Email')).toHaveValue(PEOPLE.priya.email);
    await expect(page.getByLabel('Password')).toHaveValue(DEMO_PASSWORD);
  });

  test('after signing in, the person lands where they were going', async ({ page }) => {
    await page.goto('/?status=approved');
    await expect(page).toHaveURL(/\/sign-in\?next=%2F%3Fstatus%3Dapproved$/);
    await page.getByLabel('Email').fill(PEOPLE.morgan.email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/\?status=approved$/);
    await expect(page.getByRole('link', { name: /Approved/ })).toHaveAttribute('aria-current', 'page');
  });

  test('too many failures show when to try again', async ({ page }) => {
    const email = `${uniqueId('nobody')}@example.com`;
    const origin = new URL(page.url() === 'about:blank' ? test.info().project.use.baseURL! : page.url()).origin;
    for (let attempt = 0; attempt < 5; attempt++) {
      const response = await page.request.post('/v1/auth/sign-in', {
        data: { email, password: 'wrong' },
        headers: { origin },
      });
      expect(response.status()).toBe(401);
    }
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('wrong again');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').filter({ hasText: /./ })).toHaveText(
      /Too many failed sign-ins\. Try again in \d+ min/,
    );
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeDisabled();
  });
});
