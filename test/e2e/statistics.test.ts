import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRelease } from '../../src/modules/statistics/service.js';
import { axeViolations, browserAvailable, signedInPage, startWeb, type WebHarness } from '../support/browser.js';
import { openTestDb, type TestDb, testDeps, withRealClock } from '../support/db.js';
import { makeAccount, makeAgency, PASSWORD } from '../support/factories.js';

describe.skipIf(!browserAvailable)('statistics in Chromium', () => {
  let db: TestDb;
  let web: WebHarness;
  let browser: Browser;
  let base: string;
  let researcherEmail: string;
  let adminEmail: string;

  beforeAll(async () => {
    db = await openTestDb('embedded');
    const deps = withRealClock(testDeps(db, { HARBOUR_MFA: 'optional' }));
    const agencyId = (await makeAgency(deps, 'Agency')).id;
    researcherEmail = (await makeAccount(deps, agencyId, ['researcher'])).email;
    const admin = await makeAccount(deps, agencyId, ['network_admin']);
    adminEmail = admin.email;
    const rows = (count: number, values: Record<string, unknown>) =>
      Array.from({ length: count }, () => ({
        year: 2025,
        province: 'QC',
        ageBand: '25-34',
        gender: 'woman',
        citizenshipRegion: 'americas',
        exploitation: ['labour'],
        sector: 'agriculture',
        cameThrough: 'self',
        pathways: JSON.stringify({ trp: 'granted' }),
        needs: ['status'],
        needsMet: ['status'],
        agencyId,
        ...values,
      }));
    await deps.kysely
      .insertInto('caseFact')
      .values([...rows(37, {}), ...rows(21, { province: 'ON', exploitation: ['sexual'] }), ...rows(2, { province: 'NU' })])
      .execute();
    await createRelease(
      deps,
      { kind: 'account', accountId: admin.id, agencyId, roles: ['network_admin'], stage: 'full' },
      { titleEn: 'Cases in 2025', titleFr: 'Dossiers en 2025', charts: ['cases-by-year-province'], filters: {} },
    );
    web = await startWeb(deps);
    ({ browser, base } = web);
  });
  afterAll(async () => {
    await web?.close();
    await db?.close();
  });

  it('lets a researcher open the dashboard in French and read a chart as a table', async () => {
    const { context, page } = await signedInPage(browser, base, researcherEmail, PASSWORD, 'fr');
    await page.getByRole('link', { name: 'Statistiques' }).click();
    await page.getByRole('heading', { level: 1, name: 'Statistiques' }).waitFor();
    const chart = page.getByRole('region', { name: 'Dossiers par année et province' });
    await chart.getByText('Lire sous forme de tableau').click();
    const table = chart.getByRole('table', { name: 'Dossiers par année et province' });
    await table.waitFor();
    const headers = await table.getByRole('columnheader').allTextContents();
    expect(headers).toEqual(expect.arrayContaining(['Année', 'Ontario', 'Québec', 'Total']));
    const row2025 = table.getByRole('row', { name: /^2025/ });
    const cells = await row2025.getByRole('cell').allTextContents();
    expect(cells).toContain('37');
    expect(cells).toContain('x');
    expect(await axeViolations(page)).toEqual([]);
    await expect(page.getByText('Télécharger les microdonnées k-anonymisées (CSV)').count()).resolves.toBe(1);
    await context.close();
  });

  it('lets a network admin preview a release as the public will see it, publish it, and withdraw it with a reason', async () => {
    const { context, page } = await signedInPage(browser, base, adminEmail, PASSWORD, 'en');
    await page.goto(`${base}/staff/statistics`);
    await page.getByRole('heading', { level: 2, name: 'Publish a release' }).waitFor();
    await page.getByLabel('Title in English').fill('Sectors this year');
    await page.getByLabel('Title in French').fill('Secteurs cette année');
    await page
      .getByRole('group', { name: /Charts to publish/ })
      .getByLabel('Cases by year and province')
      .check();
    await page.getByLabel('Noise: ε to spend (empty for none)').fill('0.5');
    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByRole('region', { name: 'What the public will see' });
    await preview.waitFor();
    await preview.getByText(/calibrated noise \(ε 0.5\) is added/).waitFor();
    await preview.getByRole('region', { name: 'Cases by year and province' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    // Nothing is published until it is confirmed; changing the release asks for a new preview.
    await page.getByLabel('Title in English').fill('Sectors, this year');
    await page.getByText('You changed the release: preview it again before publishing.').waitFor();
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('button', { name: 'Publish this release' }).click();
    await page.getByText('Published.').waitFor();

    const releases = page.getByRole('region', { name: 'Published releases' });
    const item = releases.getByRole('listitem').filter({ hasText: 'Sectors, this year' });
    await item.getByRole('button', { name: 'Withdraw' }).click();
    await item.getByLabel(/Why withdraw/).fill('The Quebec figures were entered twice.');
    await item.getByRole('button', { name: 'Yes, withdraw it' }).click();
    await item.getByText(/Withdrawn on .*: The Quebec figures were entered twice\./).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await context.close();

    // The public sees it listed as withdrawn, with the reason and without its figures.
    const visitor = await browser.newContext({ locale: 'en-CA', bypassCSP: true });
    const publicPage = await visitor.newPage();
    await publicPage.goto(`${base}/statistics`);
    const article = publicPage.getByRole('article').filter({ hasText: 'Sectors, this year' });
    await article.getByText(/Withdrawn on .*: The Quebec figures were entered twice\./).waitFor();
    expect(await article.getByRole('region').count()).toBe(0);
    await visitor.close();
  });

  it('shows what the network published to anyone, in English, with axe passing', async () => {
    const context = await browser.newContext({ locale: 'en-CA', bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${base}/statistics`);
    await page.getByRole('heading', { level: 2, name: 'Cases in 2025' }).waitFor();
    await page.getByText('Read as a table').click();
    await page.getByRole('table', { name: 'Cases by year and province' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
