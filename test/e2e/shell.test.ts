import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode, totpStep } from '../../src/platform/totp.js';
import { axeViolations, browserAvailable, startWeb, type WebHarness } from '../support/browser.js';
import { openTestDb, type TestDb, type TestDeps, testDeps, withRealClock } from '../support/db.js';
import { makeAccount, makeAgency } from '../support/factories.js';

const NEUTRAL = 'https://weather.gc.ca/';

describe.skipIf(!browserAvailable)('the web shell in Chromium', () => {
  let db: TestDb;
  let deps: TestDeps;
  let web: WebHarness;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    db = await openTestDb('embedded');
    deps = withRealClock(testDeps(db));
    web = await startWeb(deps);
    ({ browser, base } = web);
  });
  afterAll(async () => {
    await web?.close();
    await db?.close();
  });

  async function newPage(options: { width?: number; locale?: string } = {}): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      bypassCSP: true, // only so axe-core can be injected; the app itself runs under its CSP in the next test
      viewport: { width: options.width ?? 1024, height: 800 },
      locale: options.locale ?? 'en-CA',
    });
    await context.route(`${NEUTRAL}**`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Weather</title><h1>Forecast</h1>' }),
    );
    const page = await context.newPage();
    return { context, page };
  }

  it('serves the public home without a CSP violation or console error', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${base}/`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('has no axe violations on the public pages, in English and in French, and remembers the language', async () => {
    const { context, page } = await newPage();
    for (const url of ['/', '/safety', '/sign-in', '/no-such-page']) {
      await page.goto(`${base}${url}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      expect(await axeViolations(page), `${url} in English`).toEqual([]);
    }
    await page.goto(`${base}/`);
    await page.getByRole('button', { name: 'Afficher en français' }).click();
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('fr');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: /De l'aide existe/ }).waitFor();
    for (const url of ['/', '/safety', '/sign-in']) {
      await page.goto(`${base}${url}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe('fr');
      expect(await axeViolations(page), `${url} in French`).toEqual([]);
    }
    await context.close();
  });

  it('puts the quick exit first in keyboard order and in view at 320 px', async () => {
    const { context, page } = await newPage({ width: 320 });
    await page.goto(`${base}/safety`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.textContent);
    expect(focused).toBe('Quick exit');
    const box = await page.getByRole('button', { name: /Quick exit: leave this site now/ }).boundingBox();
    expect(box).not.toBeNull();
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(320);
    expect(box?.y ?? -1).toBeGreaterThanOrEqual(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await context.close();
  });

  it('leaves for a neutral site with the button, replacing the page in the history', async () => {
    const { context, page } = await newPage();
    await page.goto(`${base}/`);
    await page.getByRole('link', { name: /Browsing safely/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Browsing safely' }).waitFor();
    await page.getByRole('button', { name: /Quick exit: leave this site now/ }).click();
    await page.waitForURL(NEUTRAL);
    await page.goBack();
    // Back lands on the page before the one that was left, never on the one that was replaced.
    expect(page.url()).toBe(`${base}/`);
    await context.close();
  });

  it('leaves when Shift is pressed three times', async () => {
    const { context, page } = await newPage({ locale: 'fr-CA' });
    await page.goto(`${base}/`);
    await page.getByRole('heading', { level: 1, name: /De l'aide existe/ }).waitFor();
    await page.keyboard.press('Shift');
    await page.keyboard.press('Shift');
    expect(page.url()).toBe(`${base}/`);
    await page.keyboard.press('Shift');
    await page.waitForURL(NEUTRAL);
    await context.close();
  });

  it('signs a coordinator in, sets up the second factor, shows the staff home in French, and signs out', async () => {
    const agency = await makeAgency(deps, 'Maison Browser Test');
    const coordinator = await makeAccount(deps, agency.id, ['coordinator']);
    const { context, page } = await newPage();
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('Email').fill(coordinator.email);
    await page.getByLabel('Password').fill('wrong password entirely');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('The email or the password is not right.').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Password').fill(coordinator.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Set up your authenticator app' }).waitFor();
    await page.getByRole('button', { name: 'Show my code' }).click();
    await page.getByRole('img', { name: /QR code/ }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    const secret = (await page.locator('code.secret').textContent()) as string;
    await page.getByLabel('Code').fill(totpCode(secret, totpStep(new Date())));
    await page.getByRole('button', { name: 'Confirm and continue' }).click();
    await page.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
    expect(await page.locator('.codes li').count()).toBe(10);
    await page.getByRole('button', { name: /I have saved them/ }).click();

    await page.getByRole('heading', { level: 1, name: `Welcome, ${coordinator.displayName}` }).waitFor();
    await page.getByText('Second factor: on').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Afficher en français' }).click();
    await page.getByRole('heading', { level: 1, name: `Bienvenue, ${coordinator.displayName}` }).waitFor();
    await page.getByRole('heading', { name: 'Coordination de dossiers' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Se déconnecter', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: /De l'aide existe/ }).waitFor();
    const me = await page.evaluate(async () => (await fetch('/api/auth/me')).status);
    expect(me).toBe(401);
    await context.close();
  });
});
