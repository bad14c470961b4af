import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, browserAvailable, signedInPage, startWeb, type WebHarness } from '../support/browser.js';
import { openTestDb, type TestDb, testDeps, withRealClock } from '../support/db.js';
import { makeAccount, makeAgency, PASSWORD } from '../support/factories.js';

describe.skipIf(!browserAvailable)('bulletins in Chromium', () => {
  let db: TestDb;
  let web: WebHarness;
  let networkEmail: string;

  beforeAll(async () => {
    db = await openTestDb('embedded');
    const deps = withRealClock(testDeps(db, { HARBOUR_MFA: 'optional' }));
    networkEmail = (await makeAccount(deps, (await makeAgency(deps, 'Bureau national')).id, ['network_admin'])).email;
    web = await startWeb(deps);
  });
  afterAll(async () => {
    await web?.close();
    await db?.close();
  });

  it('a network admin writes a public bulletin in French, previews and publishes it; anyone reads it at /news, with its feed', {
    timeout: 120_000,
  }, async () => {
    const { context, page } = await signedInPage(web.browser, web.base, networkEmail, PASSWORD, 'fr');
    await page.getByRole('link', { name: 'Bulletins', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Bulletins' }).waitFor();
    // Each member chooses whether bulletins come by email: off, then on again.
    const byEmail = page.getByLabel('M’envoyer chaque bulletin par courriel');
    expect(await byEmail.isChecked()).toBe(true);
    await byEmail.click();
    await page.getByText('Les bulletins ne vous parviendront plus par courriel ; ils restent ici.').waitFor();
    await byEmail.click();
    await page.getByText('Chaque bulletin vous parviendra par courriel.').waitFor();
    await page.getByLabel('Titre en anglais').fill('Winter bulletin');
    await page.getByLabel('Texte en anglais').fill('## Farm season\n\nThe **Niagara** group meets in January.');
    await page.getByLabel('Titre en français').fill('Bulletin d’hiver');
    await page
      .getByLabel('Texte en français')
      .fill('## Saison agricole\n\nLe groupe du **Niagara** se réunit en janvier.\n\n<script>alert(1)</script>');
    await page.getByLabel('Public', { exact: true }).check();
    await page.getByRole('button', { name: 'Aperçu du texte français' }).click();
    await page.getByRole('heading', { level: 2, name: 'Saison agricole' }).waitFor();
    await page.locator('.bulletin').getByText('<script>alert(1)</script>').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bulletin d’hiver' }).waitFor();
    await page.getByRole('button', { name: 'Publier ce bulletin' }).click();
    await page.getByRole('button', { name: 'Oui, le publier et envoyer l’édition courriel maintenant' }).click();
    await page.getByText('Publié : l’édition courriel est en route.').waitFor();
    await context.close();

    const reader = await web.browser.newContext({ locale: 'fr-CA', bypassCSP: true });
    const news = await reader.newPage();
    await news.goto(`${web.base}/`);
    await news.getByRole('link', { name: 'Les bulletins du réseau' }).click();
    await news.getByRole('heading', { level: 1, name: 'Bulletins du réseau' }).waitFor();
    await news.getByRole('link', { name: 'Bulletin d’hiver' }).waitFor();
    await news.getByText('Le groupe du Niagara se réunit en janvier.').waitFor();
    expect(await news.getByRole('link', { name: /lecteur de flux/ }).getAttribute('href')).toBe('/news.atom?lang=fr');
    expect(await axeViolations(news)).toEqual([]);
    await news.setViewportSize({ width: 320, height: 800 });
    expect(await news.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await news.getByRole('link', { name: 'Bulletin d’hiver' }).click();
    await news.getByRole('heading', { level: 1, name: 'Bulletin d’hiver' }).waitFor();
    await reader.close();
  });
});
