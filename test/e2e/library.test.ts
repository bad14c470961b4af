import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachFile, createResource, loadSampleLibrary } from '../../src/modules/library/service.js';
import { commandLine } from '../../src/platform/policy.js';
import { axeViolations, browserAvailable, signedInPage, startWeb, tabTo, type WebHarness } from '../support/browser.js';
import { openTestDb, type TestDb, testDeps, withRealClock } from '../support/db.js';
import { makeAccount, makeAgency, PASSWORD } from '../support/factories.js';

describe.skipIf(!browserAvailable)('the tools library page in Chromium', () => {
  let db: TestDb;
  let web: WebHarness;
  let browser: Browser;
  let base: string;
  let adminEmail: string;
  let networkEmail: string;

  beforeAll(async () => {
    db = await openTestDb('embedded');
    const deps = withRealClock(testDeps(db, { HARBOUR_MFA: 'optional' }));
    const agencyId = (await makeAgency(deps, 'Centre des travailleurs')).id;
    await loadSampleLibrary(deps);
    const { id } = await createResource(deps, commandLine, {
      agencyId,
      titleEn: 'Know your rights at work',
      titleFr: 'Connaître ses droits au travail',
      summaryFr: 'Un dépliant pour les travailleuses et travailleurs migrants.',
      category: 'awareness',
      kind: 'pamphlet',
      languages: ['fr', 'es'],
      region: 'QC',
    });
    const admin = await makeAccount(deps, agencyId, ['agency_admin']);
    adminEmail = admin.email;
    networkEmail = (await makeAccount(deps, (await makeAgency(deps, 'Réseau')).id, ['network_admin'])).email;
    await attachFile(deps, { kind: 'account', accountId: admin.id, agencyId, roles: ['agency_admin'], stage: 'full' }, id, {
      name: 'droits.pdf',
      mediaType: 'application/pdf',
      content: Buffer.from('%PDF-1.7\n%%EOF\n', 'latin1'),
    });
    web = await startWeb(deps);
    ({ browser, base } = web);
  });
  afterAll(async () => {
    await web?.close();
    await db?.close();
  });

  it('opens the start-up toolkit and searches by kind, in French, by keyboard alone', async () => {
    const context = await browser.newContext({ locale: 'fr-CA', bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${base}/library`);
    await page.getByRole('heading', { level: 1, name: "Bibliothèque d'outils" }).waitFor();
    await page.getByRole('heading', { level: 3, name: 'Trousse de démarrage' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await tabTo(page, 'button.secondary', 'Afficher Trousse de démarrage (2)');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'Trousse de démarrage — 2 outils' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('library-results');
    await page.getByRole('link', { name: "Ouvrir : Aide à l'identification : indicateurs reconnus de la traite" }).waitFor();

    await tabTo(page, '#library-kind');
    await page.keyboard.type('Depl');
    expect(await page.inputValue('#library-kind')).toBe('pamphlet');
    await tabTo(page, 'button[type=submit]', 'Chercher dans la bibliothèque');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: '1 outil' }).waitFor();
    const download = page.getByRole('link', { name: 'Télécharger Connaître ses droits au travail (PDF, 1 KB)' });
    expect(await download.getAttribute('href')).toMatch(/^\/api\/library\/resources\/[0-9a-f-]+\/file$/);
    expect(page.url()).toBe(`${base}/library`);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('passes axe in English with results', async () => {
    const context = await browser.newContext({ locale: 'en-CA', bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${base}/library`);
    await page.getByLabel('Words to look for').fill('identification');
    await page.getByRole('button', { name: 'Search the library' }).click();
    await page.getByRole('heading', { level: 2, name: '1 tool' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('lets an agency admin share a tool with a file, which the public then finds and downloads', async () => {
    const { context, page } = await signedInPage(browser, base, adminEmail, PASSWORD);
    await page.getByRole('link', { name: 'Share and keep your tools in the library' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your tools in the library' }).waitFor();
    await page.getByRole('heading', { level: 3, name: 'Know your rights at work' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Title in English').fill('Safety planning worksheet');
    await page.getByLabel('Title in French').fill('Fiche de planification de la sécurité');
    await page.getByLabel('Category').selectOption('service-provision');
    await page.getByLabel('Kind of tool').selectOption('needs-assessment');
    await page.getByLabel('NGO workers and volunteers').check();
    const disguised = { name: 'worksheet.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html>not a pdf</html>') };
    await page.getByLabel('File (PDF, image, video or office document)').setInputFiles(disguised);
    await page.getByRole('button', { name: 'Share the tool' }).click();
    await page.getByRole('alert').getByText('the file is not a pdf file, whatever its name says').waitFor();
    // The resource was kept without its file: it says so, and can be removed.
    await page.getByRole('button', { name: 'Remove Safety planning worksheet' }).click();
    await page.getByRole('button', { name: 'Remove Safety planning worksheet' }).waitFor({ state: 'detached' });

    const pdf = Buffer.from('%PDF-1.7\n% a worksheet\n%%EOF\n', 'latin1');
    await page
      .getByLabel('File (PDF, image, video or office document)')
      .setInputFiles({ name: 'worksheet.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.getByRole('button', { name: 'Share the tool' }).click();
    await page.getByText('Safety planning worksheet is in the library.').waitFor();

    await page.goto(`${base}/library`);
    await page.getByLabel('Words to look for').fill('worksheet');
    await page.getByRole('button', { name: 'Search the library' }).click();
    const link = page.getByRole('link', { name: 'Download Safety planning worksheet (PDF, 1 KB)' });
    const href = await link.getAttribute('href');
    const response = await page.request.get(`${base}${href}`);
    expect(Buffer.from(await response.body()).equals(pdf)).toBe(true);
    expect(response.headers()['content-disposition']).toMatch(/^attachment/);
    await context.close();
  });

  it('finds a Spanish pamphlet by “derechos”, its title shown in Spanish', async () => {
    const { context, page } = await signedInPage(browser, base, adminEmail, PASSWORD);
    await page.goto(`${base}/staff/library`);
    await page.getByLabel('Title in English').fill('Your rights at work, in Spanish');
    await page.getByLabel('Title in French').fill('Vos droits au travail, en espagnol');
    await page.getByLabel('The language it is written in').selectOption('es');
    await page.getByLabel('Title in that language').fill('Tus derechos en el trabajo');
    await page.getByLabel('Web address (https://…) — or attach a file below').fill('https://example.org/derechos.pdf');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Share the tool' }).click();
    await page.getByText('Your rights at work, in Spanish is in the library.').waitFor();
    await context.close();

    const visitor = await browser.newContext();
    const publicPage = await visitor.newPage();
    await publicPage.goto(`${base}/library`);
    await publicPage.getByLabel('Words to look for').fill('derechos');
    await publicPage.getByRole('button', { name: 'Search the library' }).click();
    const card = publicPage
      .getByRole('listitem')
      .filter({ has: publicPage.getByRole('heading', { name: 'Your rights at work, in Spanish' }) });
    await card.getByText('Tus derechos en el trabajo').waitFor();
    expect(await card.locator('[lang="es"]').count()).toBe(1);
    await visitor.close();
  });

  it('lets a network admin curate the start-up toolkit in French: add a tool found by its words, reorder, take one out, save', {
    timeout: 60_000,
  }, async () => {
    const { context, page } = await signedInPage(browser, base, networkEmail, PASSWORD, 'fr');
    await page.getByRole('link', { name: 'Collections de la bibliothèque et trousse de démarrage' }).click();
    await page.getByRole('heading', { level: 1, name: 'Collections de la bibliothèque' }).waitFor();
    await page.getByRole('heading', { name: 'Ce que contient « Trousse de démarrage », dans l’ordre' }).waitFor();
    const items = page.locator('ol.cards > li');
    expect(await items.count()).toBe(2);
    const [first, second] = (await items.locator('h3').allTextContents()) as [string, string];
    await page.getByLabel('Trouver un outil par ses mots (dans toute langue de la bibliothèque)').fill('droits');
    await page.getByRole('button', { name: 'Trouver', exact: true }).click();
    await page.getByRole('button', { name: 'Ajouter « Connaître ses droits au travail »' }).click();
    await page.getByRole('button', { name: 'Monter « Connaître ses droits au travail »' }).click();
    await page.getByRole('button', { name: `Retirer « ${first} »` }).click();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Enregistrer la collection' }).click();
    await page.getByText('« Trousse de démarrage » est enregistrée.').waitFor();
    expect(await items.locator('h3').allTextContents()).toEqual(['Connaître ses droits au travail', second]);
    await context.close();
  });
});
