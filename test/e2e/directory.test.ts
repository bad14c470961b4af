import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, createService, createServicePoint } from '../../src/modules/directory/service.js';
import { commandLine } from '../../src/platform/policy.js';
import { axeViolations, browserAvailable, signedInPage, startWeb, tabTo, type WebHarness } from '../support/browser.js';
import { openTestDb, type TestDb, testDeps, withRealClock } from '../support/db.js';
import { makeAccount, makeAgency, PASSWORD } from '../support/factories.js';

describe.skipIf(!browserAvailable)('the directory search page in Chromium', () => {
  let db: TestDb;
  let web: WebHarness;
  let browser: Browser;
  let base: string;
  let adminEmail: string;

  beforeAll(async () => {
    db = await openTestDb('embedded');
    // The second factor is tested in shell.test.ts; here an admin signs in with a password alone.
    const deps = withRealClock(testDeps(db, { HARBOUR_MFA: 'optional' }));
    const agencyId = (await makeAgency(deps)).id;
    adminEmail = (await makeAccount(deps, agencyId, ['agency_admin'])).email;
    const add = async (
      name: string,
      city: string,
      province: 'QC' | 'ON',
      service: {
        nameEn: string;
        nameFr: string;
        languages: string[];
        phones?: Array<{ number: string; extension?: string }>;
        email?: string;
      },
    ) => {
      const organizationId = (await createOrganization(deps, commandLine, { agencyId, name })).id;
      const servicePointId = (await createServicePoint(deps, commandLine, { organizationId, name, city, province })).id;
      await createService(deps, commandLine, {
        organizationId,
        servicePointId,
        categories: ['legal-aid'],
        servesWithoutStatus: true,
        ...service,
      });
    };
    await add('Clinique juridique Saint-Denis', 'Montréal', 'QC', {
      nameEn: 'Legal clinic',
      nameFr: 'Clinique juridique',
      languages: ['fr'],
      phones: [{ number: '+1 514 555 0142', extension: '3' }],
      email: 'accueil@example.org',
    });
    await add('Downtown Legal Clinic', 'Montréal', 'QC', {
      nameEn: 'Legal clinic (English only)',
      nameFr: 'Clinique juridique (anglais)',
      languages: ['en'],
    });
    await add('Clinique de Québec', 'Québec', 'QC', { nameEn: 'Legal clinic', nameFr: 'Clinique juridique de Québec', languages: ['fr'] });
    await deps.kysely
      .updateTable('service')
      .set({ lastVerifiedAt: new Date('2024-01-15T12:00:00Z') })
      .where('nameFr', '=', 'Clinique juridique de Québec')
      .execute();
    web = await startWeb(deps);
    ({ browser, base } = web);
  });
  afterAll(async () => {
    await web?.close();
    await db?.close();
  });

  it('finds a French-speaking legal clinic near Montréal by keyboard alone', async () => {
    const context = await browser.newContext({ locale: 'fr-CA', bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${base}/directory`);
    await page.getByRole('heading', { level: 1, name: "Trouver de l'aide" }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await tabTo(page, '#search-category');
    await page.keyboard.type('Aide juridique');
    expect(await page.inputValue('#search-category')).toBe('legal-aid');
    await tabTo(page, '#search-language');
    await page.keyboard.type('fran');
    expect(await page.inputValue('#search-language')).toBe('fr');
    await tabTo(page, '#search-near');
    await page.keyboard.type('Montréal');
    await tabTo(page, '#search-radius');
    await page.keyboard.type('25');
    await tabTo(page, 'button[type=submit]', 'Rechercher');
    await page.keyboard.press('Enter');

    const heading = page.getByRole('heading', { level: 2, name: '1 service trouvé' });
    await heading.waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('results-title');
    await page.getByRole('heading', { level: 3, name: 'Clinique juridique' }).waitFor();
    await page.getByText('Sert les personnes sans statut, sans les dénoncer').waitFor();
    expect(page.url()).toBe(`${base}/directory`);
    expect(await axeViolations(page)).toEqual([]);

    // The result opens its own page, which says how to reach the service and takes a report.
    await tabTo(page, 'a', 'Clinique juridique');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Clinique juridique' }).waitFor();
    expect(page.url()).toMatch(/\/directory\/services\/[0-9a-f-]{36}$/);
    expect(await page.title()).toBe('Harbour');
    expect(await page.getByRole('link', { name: '+1 514 555 0142 poste 3' }).getAttribute('href')).toBe('tel:+15145550142,3');
    expect(await page.getByRole('link', { name: 'accueil@example.org' }).getAttribute('href')).toBe('mailto:accueil@example.org');
    await page.getByText('Montréal, Québec').waitFor();
    expect(await page.getByRole('button', { name: 'Copier +1 514 555 0142 poste 3' }).textContent()).toBe('Copier');
    expect(await axeViolations(page)).toEqual([]);
    await tabTo(page, 'summary', 'Signaler une erreur dans cette fiche');
    await page.keyboard.press('Enter');
    await tabTo(page, '#report-message');
    await page.keyboard.type('Le numéro de téléphone ne répond plus.');
    await tabTo(page, 'button[type=submit]', 'Envoyer le signalement');
    await page.keyboard.press('Enter');
    await page.getByText('Merci : le responsable de cette fiche va la vérifier.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('passes axe in English, with results, and says so when a place is unknown', async () => {
    const context = await browser.newContext({ locale: 'en-CA', bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${base}/directory`);
    await page.getByLabel('What are you looking for?').fill('legal clinic');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('heading', { level: 2, name: '3 services found' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Near (city or postal code)').fill('Atlantis');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('alert').getByText('Harbour does not know that place.', { exact: false }).waitFor();
    await context.close();
  });

  it('flags a listing not verified for a year to its agency admin, who confirms it', async () => {
    const { context, page } = await signedInPage(browser, base, adminEmail, PASSWORD);
    await page.getByRole('heading', { level: 2, name: 'Your directory listings' }).waitFor();
    await page.getByText('1 listing needs verification').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    const stale = page.getByRole('listitem').filter({ hasText: 'Clinique de Québec' });
    await stale.getByText('Needs verification').waitFor();
    await stale.getByRole('button', { name: 'Confirm it is still right' }).click();
    await stale.getByText('Verified').waitFor();
    expect(await page.getByText('1 listing needs verification').count()).toBe(0);
    await context.close();
  });

  it('finds listings in the queue by name and province, and confirms the ticked ones at once, in French', async () => {
    const { context, page } = await signedInPage(browser, base, adminEmail, PASSWORD, 'fr');
    await page.getByRole('heading', { level: 2, name: 'Vos fiches du répertoire' }).waitFor();
    await page.getByLabel('Trouver une fiche par son nom ou celui de son organisme').fill('québec');
    await page.getByRole('button', { name: 'Trouver', exact: true }).click();
    await page.getByText(/^1 fiche$/).waitFor();
    await page.getByLabel('Trouver une fiche par son nom ou celui de son organisme').fill('');
    await page.getByRole('button', { name: 'Trouver', exact: true }).click();
    await page.getByText(/^\d+ fiches$/).waitFor();
    await page.locator('#listings-province').selectOption('ON');
    await page.getByText(/^0 fiche/).waitFor();
    await page.locator('#listings-province').selectOption('QC');
    await page.getByText(/^3 fiches$/).waitFor();
    await page.locator('#listings-province').selectOption('');
    await page.getByRole('button', { name: 'Cocher toutes les nôtres sur cette page' }).click();
    const confirm = page.getByRole('button', { name: /^Confirmer les \d+ fiches cochées$/ });
    const count = Number(/\d+/.exec((await confirm.textContent()) as string)?.[0]);
    expect(count).toBeGreaterThan(1);
    expect(await axeViolations(page)).toEqual([]);
    await confirm.click();
    await page.getByText(`${count} fiches confirmées.`).waitFor();
    await context.close();
  });

  it('lets the agency admin add a listing with a new organization and location, then change it', async () => {
    const { context, page } = await signedInPage(browser, base, adminEmail, PASSWORD);
    await page.getByRole('link', { name: 'Add a listing' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add a listing' }).waitFor();
    await page.getByLabel('Organization', { exact: true }).selectOption({ label: 'A new organization…' });
    await page.getByLabel('Name of the new organization').fill('Nunavut Family Centre');
    await page.getByLabel('Location', { exact: true }).selectOption({ label: 'A new location…' });
    await page.getByLabel('Name of the location').fill('Iqaluit office');
    await page.getByLabel('City or community').fill('Iqaluit');
    await page.getByLabel('Province or territory').selectOption('NU');
    await page.getByLabel('Name in English').fill('Family counselling');
    await page.getByLabel('Name in French').fill('Counseling familial');
    await page.getByLabel('Mental health and counselling').check();
    await page.getByLabel('Serves remote communities').check();
    await page.getByLabel('Monday — opens').fill('09:00');
    await page.getByLabel('Monday — closes').fill('17:00');
    await page.getByLabel('Phone 1 — Number').fill('867-555-0123');
    await page.getByLabel('Phone 1 — Kind').selectOption('text');
    await page.getByLabel('Phone 2 — Number').fill('1-800-555-0199');
    await page.getByLabel('Email address').fill('famille@example.org');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Add the listing' }).click();
    await page.getByRole('heading', { level: 2, name: 'Your directory listings' }).waitFor();
    await page.getByRole('link', { name: 'Change Family counselling' }).click();
    await page.getByRole('heading', { level: 1, name: 'Change a listing' }).waitFor();
    expect(await page.getByLabel('Monday — opens').inputValue()).toBe('09:00');
    await page.getByLabel('Name in English').fill('Family and youth counselling');
    await page.getByRole('button', { name: 'Save the changes' }).click();
    await page.getByRole('link', { name: 'Change Family and youth counselling' }).waitFor();

    await page.goto(`${base}/directory`);
    await page.getByLabel('What are you looking for?').fill('youth counselling');
    await page.getByLabel('Near (city or postal code)').fill('Iqaluit');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('heading', { level: 3, name: 'Family and youth counselling' }).waitFor();
    await page.getByRole('link', { name: 'Family and youth counselling' }).click();
    await page.getByRole('heading', { level: 1, name: 'Family and youth counselling' }).waitFor();
    expect(await page.getByRole('link', { name: '867-555-0123' }).getAttribute('href')).toBe('sms:8675550123');
    expect(await page.getByRole('link', { name: '1-800-555-0199' }).getAttribute('href')).toBe('tel:18005550199');
    expect(await page.getByRole('link', { name: 'famille@example.org' }).getAttribute('href')).toBe('mailto:famille@example.org');
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
