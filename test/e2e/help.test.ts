import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeHelpRequests } from '../../src/modules/help/index.js';
import { rightsContent } from '../../src/modules/rights/index.js';
import { axeViolations, browserAvailable, signedInPage, startWeb, stubNeutralSite, type WebHarness } from '../support/browser.js';
import { dumpAsText, openTestDb, type TestDb, type TestDeps, testDeps, withRealClock } from '../support/db.js';
import { makeAccount, makeAgency, PASSWORD } from '../support/factories.js';

const PASSPHRASE = 'quatre chevaux dans le pré';
const HOUR = 3_600_000;

describe.skipIf(!browserAvailable)('asking for help in Chromium', () => {
  let db: TestDb;
  let deps: TestDeps;
  let web: WebHarness;
  let browser: Browser;
  const emails: Record<'network' | 'admin' | 'worker' | 'newcomer', string> = { network: '', admin: '', worker: '', newcomer: '' };
  const open: BrowserContext[] = [];

  /** A staff page at /staff/help with the account's own key set up (first time) or opened (after). */
  async function inbox(who: keyof typeof emails, language: 'en' | 'fr' = 'en'): Promise<Page> {
    const { context, page } = await signedInPage(browser, web.base, emails[who], PASSWORD, language);
    open.push(context);
    await page.goto(`${web.base}/staff/help`);
    const fr = language === 'fr';
    const setUp = page.getByRole('heading', { name: fr ? 'Créer votre propre clé' : 'Set up your own key' });
    const unlock = page.getByRole('heading', { name: fr ? 'Ouvrir votre clé' : 'Open your key' });
    await setUp.or(unlock).waitFor();
    await page.locator('#own-passphrase').fill(PASSPHRASE);
    if (await setUp.isVisible()) {
      await page.locator('#own-again').fill(PASSPHRASE);
      await page.getByRole('button', { name: fr ? 'Créer ma clé' : 'Make my key' }).click();
    } else await page.getByRole('button', { name: fr ? 'Ouvrir' : 'Open', exact: true }).click();
    await page.getByRole('heading', { name: fr ? 'La clé de la boîte' : 'The inbox’s key' }).waitFor();
    return page;
  }

  /** The person's side: a fresh browser with no cookie and no history, in their own language. */
  async function person(locale: string) {
    const context = await browser.newContext({ locale, viewport: { width: 390, height: 844 } });
    open.push(context);
    const page = await context.newPage();
    return { context, page };
  }

  async function askInArabic(page: Page, message: string) {
    await page.goto(`${web.base}/help`);
    expect(page.url()).toBe(`${web.base}/help/ar`);
    await page.getByLabel('مكان آمن للإقامة').check();
    await page.getByLabel('المقاطعة أو الإقليم').selectOption('ON');
    await page.getByRole('button', { name: 'اعرض من يمكنه المساعدة' }).click();
    await page.getByLabel('Centre Sainte-Marie').check();
    await page.getByLabel('رسالة نصية').check();
    await page.getByLabel('رقم الهاتف أو عنوان البريد الإلكتروني').fill('519-555-0187');
    await page.getByLabel('كلمة سر متفق عليها (اختياري)').fill('ياسمين');
    await page.getByLabel('رسالتك (اختياري)').fill(message);
    await page.getByRole('button', { name: 'أرسل رسالتي' }).click();
    await page.getByRole('heading', { name: 'أُرسلت رسالتك' }).waitFor({ timeout: 30_000 });
    // Everything happened on the one page: the address never changed.
    expect(page.url()).toBe(`${web.base}/help/ar`);
    return (await page.locator('#receipt-number').textContent()) as string;
  }

  beforeAll(async () => {
    db = await openTestDb('embedded');
    deps = withRealClock(testDeps(db, { HARBOUR_MFA: 'optional' }));
    const agency = (await makeAgency(deps, 'Centre Sainte-Marie')).id;
    emails.network = (await makeAccount(deps, (await makeAgency(deps, 'Bureau du réseau')).id, ['network_admin'])).email;
    emails.admin = (await makeAccount(deps, agency, ['agency_admin'])).email;
    emails.worker = (await makeAccount(deps, agency, ['worker'])).email;
    emails.newcomer = (await makeAccount(deps, agency, ['coordinator'])).email;
    web = await startWeb(deps);
    browser = web.browser;

    // The keys are made in browsers: the network's, the agency's, then the agency's key given to its worker.
    const network = await inbox('network');
    await network.getByRole('button', { name: 'Make the inbox’s key' }).click();
    await network.getByText(/^Fingerprint:/).waitFor();
    const admin = await inbox('admin');
    await admin.getByRole('button', { name: 'Make the inbox’s key' }).click();
    await admin.getByText(/^Fingerprint:/).waitFor();
    await inbox('worker', 'fr');
    await admin.reload();
    await admin.locator('#own-passphrase').fill(PASSPHRASE);
    await admin.getByRole('button', { name: 'Open', exact: true }).click();
    await admin.getByRole('button', { name: /^Give the key to / }).click();
    await admin.getByText(/^Held by: .*,/).waitFor();
  }, 180_000);
  afterAll(async () => {
    for (const context of open) await context.close();
    await web?.close();
    await db?.close();
  });

  it('a person writing in Arabic gets a receipt; the French worker opens and answers it; the person reads the answer with the receipt', {
    timeout: 180_000,
  }, async () => {
    const { context, page } = await person('ar');
    const receipt = await askInArabic(page, 'صاحب العمل أخذ جواز سفري');
    expect(receipt).toMatch(/^[2-9]\d\d-[2-9]\d\d-\d{4} ext\. \d{6}$/);
    await page.getByRole('heading', { name: 'أُرسلت رسالتك' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    // Nothing of it stays in the browser: no cookie, nothing stored, and the typed fields are cleared.
    expect(await context.cookies()).toEqual([]);
    expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
    expect(await page.locator('#message').inputValue()).toBe('');
    expect(await dumpAsText(db)).not.toContain('جواز');

    const worker = await inbox('worker', 'fr');
    const card = worker.locator('li.card', { hasText: 'صاحب العمل أخذ جواز سفري' });
    await card.waitFor();
    await card.getByText('519-555-0187').waitFor();
    await card.getByText('ياسمين').waitFor();
    await card.getByText('arabe').waitFor();
    await card.getByRole('button', { name: 'Accepter' }).click();
    await card.getByLabel('Répondre à la personne').fill('نتصل بك غداً — Nous vous appelons demain.');
    await card.getByRole('button', { name: 'Envoyer la réponse' }).click();
    await card.getByText(/Nous vous appelons demain/).waitFor();
    expect(await axeViolations(worker)).toEqual([]);

    await page.getByLabel('رقم الإيصال').fill(receipt);
    await page.getByRole('button', { name: 'اقرأ الرد' }).click();
    await page.getByText('تتولى Centre Sainte-Marie رسالتك.').waitFor();
    await page.getByText('نتصل بك غداً — Nous vous appelons demain.').waitFor();
    expect(await dumpAsText(db)).not.toContain('demain');
  });

  it('a request no one accepts reaches the network’s inbox at 24 hours, flagged', { timeout: 180_000 }, async () => {
    const { page } = await person('ar');
    await askInArabic(page, 'لا أحد يجيب');
    // The hourly round, on a clock a day and an hour ahead.
    const result = await routeHelpRequests({ ...deps, now: () => new Date(Date.now() + 25 * HOUR) });
    expect(result.fellBack).toBe(1);
    const network = await inbox('network');
    const card = network.locator('li.card', { hasText: 'لا أحد يجيب' });
    await card.waitFor();
    await card.getByText('Nobody accepted it within 24 hours: it came to the network’s inbox.').waitFor();
    await card.getByText('sent to Centre Sainte-Marie', { exact: false }).waitFor();
    // The network passes it back to the agency, sealed again in this browser; the agency has it anew.
    await card.getByLabel('Pass it to an agency').selectOption({ label: 'Centre Sainte-Marie (ON)' });
    await card.getByRole('button', { name: 'Pass it on (sealed again to that agency)' }).click();
    await card.waitFor({ state: 'detached' });
    const worker = await inbox('worker', 'fr');
    await worker.locator('li.card', { hasText: 'لا أحد يجيب' }).waitFor();
  });

  it('passes axe in all 12 languages at 320 and 1280 px, with every step shown, and scrolls nowhere sideways', {
    timeout: 180_000,
  }, async () => {
    for (const width of [320, 1280])
      for (const { code: language } of rightsContent().languages) {
        const context = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true });
        open.push(context);
        const page = await context.newPage();
        await page.goto(`${web.base}/help/${language}`);
        await page.locator('#show-places').click();
        await page.locator('#step-who').waitFor();
        await page.locator('input[name="agency"]').first().check();
        expect(await axeViolations(page), `${language} at ${width}`).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `${language} at ${width}`).toBeLessThanOrEqual(width);
      }
  });

  it('prints a recovery kit, from which a colleague who holds no copy takes the key back', { timeout: 120_000 }, async () => {
    const admin = await inbox('admin');
    await admin.evaluate(() => {
      window.print = () => undefined;
    });
    await admin.getByRole('button', { name: 'Print a recovery kit' }).click();
    await admin.getByRole('heading', { name: 'Recovery kit for the inbox’s key' }).waitFor();
    const key = (await admin.locator('[data-kit="key"]').textContent()) as string;
    const code = (await admin.locator('[data-kit="code"]').textContent()) as string;
    await admin.getByRole('button', { name: 'Print', exact: true }).click();
    await admin.emulateMedia({ media: 'print' });
    expect(await admin.getByRole('heading', { name: 'The inbox’s key', exact: true }).isVisible()).toBe(false);
    expect(await admin.locator('[data-kit="code"]').isVisible()).toBe(true);
    await admin.emulateMedia({ media: null });

    const newcomer = await inbox('newcomer');
    await newcomer.getByText(/^You do not hold this key yet/).waitFor();
    await newcomer.getByLabel('The key (wrapped)').fill(key.toLowerCase());
    await newcomer.getByLabel('The recovery code').fill('AAAA BBBB CCCC DDDD EEEE');
    await newcomer.getByRole('button', { name: 'Restore the key' }).click();
    await newcomer.getByText(/^This kit does not open this inbox’s key/).waitFor();
    await newcomer.getByLabel('The recovery code').fill(code);
    await newcomer.getByRole('button', { name: 'Restore the key' }).click();
    await newcomer.getByRole('button', { name: 'Print a recovery kit' }).waitFor();
    await newcomer.locator('li.card', { hasText: 'صاحب العمل أخذ جواز سفري' }).waitFor();
  });

  it('with JavaScript off, the form stays shut and says why beside the hotline', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'fr-CA' });
    open.push(context);
    const page = await context.newPage();
    await page.goto(`${web.base}/help`);
    expect(page.url()).toBe(`${web.base}/help/fr`);
    await page.getByText(/Ce formulaire a besoin de JavaScript/).waitFor();
    await page
      .getByText(/1-833-900-1010/)
      .first()
      .waitFor();
    expect(await page.getByRole('button', { name: 'Voir qui peut aider' }).isDisabled()).toBe(true);
  });

  it('leaves by the quick exit through /leave, and Back does not return to the help page', async () => {
    const context = await browser.newContext();
    open.push(context);
    await stubNeutralSite(context);
    const page = await context.newPage();
    await page.goto(`${web.base}/rights/en`);
    await page.goto(`${web.base}/help/en`);
    const leaving = page.waitForResponse((response) => response.url().endsWith('/leave'));
    await page.getByRole('link', { name: 'Leave this site quickly' }).click();
    expect((await (await leaving).allHeaders())['clear-site-data']).toBe('"cache", "cookies", "storage"');
    await page.waitForURL('https://weather.gc.ca/');
    await page.goBack();
    expect(page.url()).toBe(`${web.base}/rights/en`);
  });
});
