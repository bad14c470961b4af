import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rightsContent } from '../../src/modules/rights/content.js';
import { axeViolations, browserAvailable, signedInPage, startWeb, stubNeutralSite, type WebHarness } from '../support/browser.js';
import { openTestDb, type TestDb, testDeps, withRealClock } from '../support/db.js';
import { makeAccount, makeAgency, PASSWORD } from '../support/factories.js';

const { languages, topics } = rightsContent();
const pagesOf = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;

describe.skipIf(!browserAvailable)('the rights pages in Chromium', () => {
  let db: TestDb;
  let web: WebHarness;
  let browser: Browser;
  let adminEmail: string;

  beforeAll(async () => {
    db = await openTestDb('embedded');
    const deps = withRealClock(testDeps(db, { HARBOUR_MFA: 'optional' }));
    adminEmail = (await makeAccount(deps, (await makeAgency(deps, 'Réseau')).id, ['network_admin'])).email;
    web = await startWeb(deps);
    browser = web.browser;
  });
  afterAll(async () => {
    await web?.close();
    await db?.close();
  });

  for (const language of languages)
    it(`passes axe on every page in ${language.autonym} at 1280 and 320 px, and scrolls no page sideways`, {
      timeout: 180_000,
    }, async () => {
      const problems: string[] = [];
      for (const width of [1280, 320]) {
        // axe is injected as a script: only the test's browser may lift the page's policy to do so.
        const context = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true });
        const page = await context.newPage();
        for (const url of [`/rights/${language.code}`, ...topics.map((topic) => `/rights/${language.code}/${topic}`)]) {
          await page.goto(`${web.base}${url}`);
          for (const violation of await axeViolations(page)) problems.push(`${url} at ${width}: ${violation}`);
          const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
          if (scrollWidth > width) problems.push(`${url} at ${width}: ${scrollWidth - width} px too wide`);
        }
        await context.close();
      }
      expect(problems).toEqual([]);
    });

  it('reads with JavaScript off, and its quick exit is then a plain link', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'fr-CA' });
    const page = await context.newPage();
    await page.goto(`${web.base}/rights`);
    expect(page.url()).toBe(`${web.base}/rights/fr`);
    await page.getByRole('link', { name: 'Vos droits au travail' }).click();
    await page.getByRole('heading', { level: 1, name: 'Vos droits au travail' }).waitFor();
    await page.getByText(/Code criminel, article 279\.03/).waitFor();
    expect(await page.getByRole('link', { name: 'Quitter ce site rapidement' }).getAttribute('href')).toBe('/leave');
    await page.getByRole('link', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your rights at work' }).waitFor();
    await context.close();
  });

  it('in Arabic, reads right to left and mirrored, says it is a draft, and takes its font from Harbour with no outside request', async () => {
    const context = await browser.newContext({ locale: 'ar-EG', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const elsewhere: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(web.base)) elsewhere.push(request.url());
    });
    await page.goto(`${web.base}/rights`);
    expect(page.url()).toBe(`${web.base}/rights/ar`);
    await page.getByRole('link', { name: 'حقوقك في العمل' }).click();
    await page.getByRole('heading', { level: 1, name: 'حقوقك في العمل' }).waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
    await page
      .getByRole('note')
      .getByText(/ترجمة مبدئية/)
      .waitFor();
    // Mirrored: the quick exit sits at the left edge, the help box's bar on the right.
    const exit = await page.getByRole('link', { name: 'اخرج من هذا الموقع بسرعة' }).boundingBox();
    expect(exit?.x).toBeLessThan(100);
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('.help-now') as Element).borderRightWidth)).not.toBe('0px');
    await page.evaluate(() => document.fonts.ready);
    expect(await page.evaluate(() => document.fonts.check('16px "Noto Sans Arabic"', 'حقوق'))).toBe(true);
    expect(elsewhere).toEqual([]);
    await context.close();
  });

  it('leaves for a neutral site with Shift pressed three times, and Back does not return to the page', async () => {
    const context = await browser.newContext();
    await stubNeutralSite(context);
    const page = await context.newPage();
    await page.goto(`${web.base}/rights/en`);
    await page.goto(`${web.base}/rights/en/leaving-safely`);
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
    await page.waitForURL('https://weather.gc.ca/');
    await page.goBack();
    expect(page.url()).toBe(`${web.base}/rights/en`);
    await context.close();
  });

  for (const language of languages)
    it(`prints each page in ${language.autonym} as a one-page leaflet, on A4 and Letter, with the hotline and a QR code to itself`, {
      timeout: 180_000,
    }, async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      for (const topic of topics) {
        await page.goto(`${web.base}/rights/${language.code}/${topic}`);
        for (const format of ['A4', 'Letter'] as const)
          expect(pagesOf(await page.pdf({ format, printBackground: true })), `${language.code}/${topic} on ${format}`).toBe(1);
        await page.emulateMedia({ media: 'print' });
        expect(await page.locator('.help-now').innerText()).toContain('1-833-900-1010');
        await page.locator('.pamphlet svg').waitFor();
        expect(await page.locator('.pamphlet').innerText()).toContain(`/rights/${language.code}/${topic}`);
        expect(await page.locator('.quick-exit').isVisible()).toBe(false);
        // null, not 'screen': a PDF is made with whatever media is emulated.
        await page.emulateMedia({ media: null });
      }
      await context.close();
    });

  it('lets a network admin, in French, record that a native speaker checked a translation; the page then says so', async () => {
    const admin = await signedInPage(browser, web.base, adminEmail, PASSWORD, 'fr');
    await admin.page.getByRole('link', { name: 'Pages sur les droits : les traductions et leur vérification' }).click();
    await admin.page.getByRole('heading', { level: 1, name: 'Traductions des pages sur les droits' }).waitFor();
    const row = admin.page
      .getByRole('row')
      .filter({ hasText: 'Tus derechos' })
      .or(admin.page.getByRole('row').filter({ hasText: 'Sus derechos en el trabajo' }));
    await row.getByText('Provisoire : non vérifiée').waitFor();
    expect(await axeViolations(admin.page)).toEqual([]);
    await admin.page.locator('#review-language').selectOption('es');
    await admin.page.getByLabel('Page', { exact: true }).selectOption('work-rights');
    await admin.page.getByLabel('Qui l’a vérifiée (langue maternelle)').fill('Lucía Ramírez');
    await admin.page.getByLabel('Vérifiée le').fill('2026-11-20');
    await admin.page.getByRole('button', { name: 'Inscrire la vérification' }).click();
    await admin.page.getByText('La vérification est inscrite : la page ne dit plus « provisoire ».').waitFor();
    await row.getByText('Vérifiée par Lucía Ramírez le 2026-11-20').waitFor();
    await admin.context.close();

    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${web.base}/rights/es/work-rights`);
    await page.getByText('Traducción revisada por Lucía Ramírez el 2026-11-20.').waitFor();
    expect(await page.getByRole('note').count()).toBe(0);
    await context.close();
  });
});
