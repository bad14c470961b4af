import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachFile, createResource, loadSampleLibrary } from '../../src/modules/library/service.js';
import { axeViolations, browserAvailable, startWeb, tabTo, type WebHarness } from '../support/browser.js';
import { openTestDb, type TestDb, testDeps, withRealClock } from '../support/db.js';
import { makeAccount, makeAgency } from '../support/factories.js';

describe.skipIf(!browserAvailable)('the tools library page in Chromium', () => {
  let db: TestDb;
  let web: WebHarness;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    db = await openTestDb('pglite');
    const deps = withRealClock(testDeps(db, { HARBOUR_MFA: 'optional' }));
    const agencyId = (await makeAgency(deps, 'Centre des travailleurs')).id;
    await loadSampleLibrary(deps);
    const { id } = await createResource(deps, 'cli', {
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
    await attachFile(deps, { accountId: admin.id, agencyId, roles: ['agency_admin'], stage: 'full' }, id, {
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
});
