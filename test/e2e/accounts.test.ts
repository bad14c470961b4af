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
  let networkEmail: string;
  let farAdminEmail: string;

  beforeAll(async () => {
    db = await openTestDb('embedded');
    const deps = withRealClock(testDeps(db, { HARBOUR_MFA: 'optional' }));
    const agency = (await makeAgency(deps, 'Maison Marguerite')).id;
    adminEmail = (await makeAccount(deps, agency, ['agency_admin'])).email;
    await makeAccount(deps, agency, ['worker']);
    networkEmail = (await makeAccount(deps, (await makeAgency(deps, 'Bureau national')).id, ['network_admin'])).email;
    farAdminEmail = (await makeAccount(deps, (await makeAgency(deps, 'Refuge du Grand Nord')).id, ['agency_admin'])).email;
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
    // A new member's first steps, ticked from what Harbour holds: colleagues yes, listing and inbox key not yet.
    const checklist = page.locator('section', { has: page.getByRole('heading', { name: 'Pour bien commencer' }) });
    await checklist.getByText('Inviter vos collègues — fait').waitFor();
    await checklist.getByText('Compléter la fiche de votre organisme dans le répertoire — à faire').waitFor();
    await checklist.getByText('Créer la clé de la boîte des demandes d’aide — à faire').waitFor();
    expect(await axeViolations(page)).toEqual([]);
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

  it('in French, a network admin finds a member and suspends it; its admin is signed out at once; axe clean at 1280 and 320 px', {
    timeout: 120_000,
  }, async () => {
    const far = await signedInPage(browser, web.base, farAdminEmail, PASSWORD, 'fr');
    const { context, page } = await signedInPage(browser, web.base, networkEmail, PASSWORD, 'fr');
    await page.getByRole('link', { name: 'Organismes membres' }).click();
    await page.getByRole('heading', { level: 1, name: 'Organismes membres' }).waitFor();
    await page.getByLabel('Trouver un membre par son nom').fill('grand nord');
    await page.getByRole('button', { name: 'Trouver', exact: true }).click();
    await page.getByText(/^1 membre$/).waitFor();
    const card = page.locator('li.card', { hasText: 'Refuge du Grand Nord' });
    await card.getByText(farAdminEmail, { exact: false }).waitFor();
    await card.getByRole('button', { name: 'Suspendre Refuge du Grand Nord' }).click();
    expect(await axeViolations(page)).toEqual([]);
    await card.getByRole('button', { name: 'Oui, suspendre Refuge du Grand Nord maintenant' }).click();
    await page.getByText('Refuge du Grand Nord est suspendu : ses sessions ont pris fin et ses fiches sont retirées.').waitFor();
    await card.getByText(/Suspendu/).waitFor();
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    expect(await axeViolations(page)).toEqual([]);
    // The suspended member's admin, signed in a moment ago, is signed out at the next page.
    await far.page.goto(`${web.base}/staff`);
    await far.page.getByRole('button', { name: 'Se connecter' }).waitFor();
    await far.context.close();
    await context.close();
  });
});
