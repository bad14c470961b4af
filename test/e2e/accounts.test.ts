import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, browserAvailable, signedInPage, startWeb, type WebHarness } from '../support/browser.js';
import { openTestDb, type TestDb, testDeps, withRealClock } from '../support/db.js';
import { makeAccount, makeAgency, PASSWORD } from '../support/factories.js';

describe.skipIf(!browserAvailable)('an agency’s accounts in Chromium', () => {
  let db: TestDb;
  let web: WebHarness;
  let browser: Browser;
  let adminEmail: string;

  beforeAll(async () => {
    db = await openTestDb('embedded');
    const deps = withRealClock(testDeps(db, { HARBOUR_MFA: 'optional' }));
    const agency = (await makeAgency(deps, 'Maison Marguerite')).id;
    adminEmail = (await makeAccount(deps, agency, ['agency_admin'])).email;
    await makeAccount(deps, agency, ['worker']);
    web = await startWeb(deps);
    browser = web.browser;
  });
  afterAll(async () => {
    await web?.close();
    await db?.close();
  });

  it('in French, an agency admin invites a coordinator, changes a worker’s roles and disables an account; axe clean at 1280 and 320 px', {
    timeout: 120_000,
  }, async () => {
    const { context, page } = await signedInPage(browser, web.base, adminEmail, PASSWORD, 'fr');
    await page.getByRole('link', { name: 'Comptes de votre organisme' }).click();
    await page.getByRole('heading', { level: 1, name: 'Comptes de Maison Marguerite' }).waitFor();
    // The admin's own card: active, signed in just now, and no way to disable oneself.
    const own = page.locator('li.card', { hasText: adminEmail });
    await own.getByText('Actif').waitFor();
    expect(await own.getByText('Jamais').count()).toBe(0);
    expect(await own.getByRole('button', { name: /^Désactiver/ }).count()).toBe(0);

    await page.getByLabel('Nom', { exact: true }).fill('Inès Coordination');
    await page.getByLabel('Courriel professionnel').fill('ines@maison.example');
    await page.locator('#invite-roles-worker').uncheck();
    await page.locator('#invite-roles-coordinator').check();
    await page.getByRole('button', { name: 'Envoyer l’invitation' }).click();
    await page.getByText('Une invitation a été envoyée à ines@maison.example. Elle est valable 72 heures.').waitFor();
    const ines = page.locator('li.card', { hasText: 'ines@maison.example' });
    await ines.getByText('Invité : pas encore de mot de passe').waitFor();
    await ines.getByText('Coordination de dossiers').waitFor();
    await ines.getByText('Jamais').waitFor();

    const worker = page.locator('li.card', { hasNotText: adminEmail }).filter({ hasNotText: 'ines@' }).first();
    const name = (await worker.locator('h3').textContent()) as string;
    await worker.getByRole('button', { name: `Changer les rôles de ${name}` }).click();
    await worker.locator('input[id$="-coordinator"]').check();
    await worker.locator('input[id$="-worker"]').uncheck();
    expect(await axeViolations(page)).toEqual([]);
    await worker.getByRole('button', { name: 'Enregistrer les rôles' }).click();
    await page.getByText(`Les rôles de ${name} ont été changés. Ils s’appliquent dès sa prochaine action.`).waitFor();

    await ines.getByRole('button', { name: 'Désactiver le compte de Inès Coordination' }).click();
    await ines.getByRole('button', { name: 'Oui, désactiver Inès Coordination maintenant' }).click();
    await ines.getByText('Désactivé').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.setViewportSize({ width: 320, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
