import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apply, askForMore } from '../../src/modules/membership/service.js';
import { pendingEmails } from '../../src/modules/notifications/index.js';
import { axeViolations, browserAvailable, setUpSecondFactorInFrench, startWeb, type WebHarness } from '../support/browser.js';
import { openTestDb, type TestDb, type TestDeps, testDeps, withRealClock } from '../support/db.js';
import { asActor, makeAccount, makeAgency, PASSWORD } from '../support/factories.js';

/** In French: sets up the second factor and passes the recovery codes, landing on the staff home. */
async function setUpSecondFactor(page: Page) {
  await setUpSecondFactorInFrench(page);
  await page.getByRole('button', { name: 'Je les ai conservés — continuer' }).click();
  await page.getByRole('heading', { level: 1, name: /^Bienvenue/ }).waitFor();
}

async function fitsAt320(page: Page) {
  await page.setViewportSize({ width: 320, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  expect(await axeViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe.skipIf(!browserAvailable)('joining the network in Chromium', () => {
  let db: TestDb;
  let deps: TestDeps;
  let web: WebHarness;
  let browser: Browser;
  let networkEmail: string;

  beforeAll(async () => {
    db = await openTestDb('embedded');
    deps = withRealClock(testDeps(db));
    networkEmail = (await makeAccount(deps, (await makeAgency(deps, 'Bureau national')).id, ['network_admin'])).email;
    web = await startWeb(deps);
    browser = web.browser;
  });
  afterAll(async () => {
    await web?.close();
    await db?.close();
  });

  const french = async () => {
    const context = await browser.newContext({ locale: 'fr-CA', bypassCSP: true });
    return { context, page: await context.newPage() };
  };
  const invitationTo = async (email: string) => {
    const letter = (await pendingEmails(deps)).find((m) => m.toAddress === email && m.subject.includes('invitation'));
    return letter?.body.match(/\/invitation#([\w-]+)/)?.[1] as string;
  };
  /** Opens an invitation in French, sets the password and the second factor: the person lands on their home page. */
  async function acceptInvitation(email: string, password: string) {
    const { context, page } = await french();
    await page.goto(`${web.base}/invitation#${await invitationTo(email)}`);
    await page.getByLabel('Nouveau mot de passe').fill(password);
    await page.getByLabel('Le même mot de passe encore').fill(password);
    await page.getByRole('button', { name: 'Enregistrer mon mot de passe et continuer' }).click();
    await setUpSecondFactor(page);
    return { context, page };
  }

  it('an organization applies in French; the network approves; its first admin completes the listing and invites a coordinator who signs in; the service is public', {
    timeout: 300_000,
  }, async () => {
    // The organization applies, in French, with the criteria in front of it.
    const applicant = await french();
    await applicant.page.goto(`${web.base}/`);
    await applicant.page.getByRole('link', { name: 'Organismes : demander à adhérer au réseau' }).click();
    const form = applicant.page;
    await form.getByRole('heading', { level: 1, name: 'Demander à adhérer au réseau' }).waitFor();
    await form
      .getByText('C’est un organisme non gouvernemental : ni la police, ni un ministère ou service fédéral, provincial ou municipal.')
      .first()
      .waitFor();
    expect(await axeViolations(form)).toEqual([]);
    await fitsAt320(form);
    await form.getByLabel('Nom de l’organisme').fill('Solidarité Montérégie');
    await form.getByLabel('Province ou territoire').selectOption('QC');
    await form.getByLabel('Ville ou localité').fill('Saint-Rémi');
    await form.getByRole('button', { name: 'Envoyer la demande' }).click();
    // The browser holds back an incomplete form; the criteria are checked by the page before anything is sent.
    expect(await deps.kysely.selectFrom('membershipApplication').select('id').execute()).toEqual([]);
    await form.getByLabel('Que fait votre organisme ?').fill('Accueil, hébergement et accompagnement de travailleurs agricoles étrangers.');
    await form
      .getByLabel('Comment votre organisme remplit-il les conditions ?')
      .fill('Organisme sans but lucratif québécois, indépendant des gouvernements, actif en Montérégie depuis 2009.');
    await form.getByLabel('Nom', { exact: true }).fill('Josée Tremblay');
    await form.getByLabel('Courriel', { exact: true }).fill('josee@solidarite.example');
    await form.getByRole('button', { name: 'Envoyer la demande' }).click();
    await form.getByRole('alert').filter({ hasText: 'Cochez chaque condition' }).waitFor();
    await form.getByLabel('C’est un organisme canadien.').check();
    await form.getByLabel('C’est un organisme non gouvernemental', { exact: false }).check();
    await form.getByLabel('Il travaille au Canada.').check();
    await form.getByLabel('Offre des services aux personnes victimes de la traite qui sont des ressortissants étrangers au Canada').check();
    await form.getByRole('button', { name: 'Envoyer la demande' }).click();
    await form
      .getByText('Merci. La demande de Solidarité Montérégie a bien été reçue. Nous avons écrit à josee@solidarite.example')
      .waitFor();
    await applicant.context.close();

    // The network admin reviews and approves it.
    const network = await french();
    await network.page.goto(`${web.base}/sign-in`);
    await network.page.getByLabel('Courriel').fill(networkEmail);
    await network.page.getByLabel('Mot de passe').fill(PASSWORD);
    await network.page.getByRole('button', { name: 'Se connecter' }).click();
    await setUpSecondFactor(network.page);
    await network.page.getByRole('link', { name: 'Demandes d’adhésion' }).click();
    await network.page.getByRole('heading', { level: 1, name: 'Demandes d’adhésion au réseau' }).waitFor();
    await network.page.getByRole('link', { name: 'Solidarité Montérégie' }).click();
    await network.page.getByRole('heading', { level: 1, name: 'Solidarité Montérégie' }).waitFor();
    await network.page.getByText('En attente d’examen').waitFor();
    expect(await axeViolations(network.page)).toEqual([]);
    await fitsAt320(network.page);
    await network.page.getByLabel('Un mot de bienvenue', { exact: false }).fill('Bienvenue dans le réseau !');
    await network.page.getByRole('button', { name: 'Accepter et inviter' }).click();
    await network.page.getByText('Acceptée : l’organisme est créé et josee@solidarite.example est invité·e.').waitFor();
    await network.context.close();

    // Its first admin accepts the invitation, sets a password and a second factor; the checklist opens.
    const admin = await acceptInvitation('josee@solidarite.example', 'rivière lanterne boussole');
    const checklist = admin.page.locator('section', { has: admin.page.getByRole('heading', { name: 'Pour bien commencer' }) });
    await checklist.getByText('Compléter la fiche de votre organisme dans le répertoire — à faire').waitFor();
    await checklist.getByRole('link', { name: 'Lire la trousse de démarrage dans la bibliothèque' }).waitFor();
    expect(await axeViolations(admin.page)).toEqual([]);

    // It completes the listing of the organization the approval made.
    await checklist.getByRole('link', { name: 'Compléter la fiche de votre organisme dans le répertoire' }).click();
    await admin.page.getByRole('heading', { level: 1, name: 'Ajouter une fiche' }).waitFor();
    const organization = admin.page.getByLabel('Organisme', { exact: true });
    expect(await organization.locator('option:checked').textContent()).toBe('Solidarité Montérégie');
    await admin.page.getByLabel('Lieu', { exact: true }).selectOption({ label: 'Un nouveau lieu…' });
    await admin.page.getByLabel('Nom du lieu').fill('Bureau de Montréal');
    await admin.page.getByLabel('Ville ou communauté').fill('Montréal');
    await admin.page.getByLabel('Province ou territoire', { exact: true }).selectOption('QC');
    await admin.page.getByLabel('Nom en anglais').fill('Rights help for farm workers');
    await admin.page.getByLabel('Nom en français').fill('Droits des travailleurs agricoles saisonniers');
    await admin.page.locator('#editor-categories-labour-rights').check();
    await admin.page.getByRole('button', { name: 'Ajouter la fiche' }).click();
    await checklist.getByText('Compléter la fiche de votre organisme dans le répertoire — fait').waitFor();

    // It invites a coordinator.
    await admin.page.getByRole('link', { name: 'Comptes de votre organisme' }).click();
    await admin.page.getByRole('heading', { level: 1, name: 'Comptes de Solidarité Montérégie' }).waitFor();
    await admin.page.getByLabel('Nom', { exact: true }).fill('Luc Coordination');
    await admin.page.getByLabel('Courriel professionnel').fill('luc@solidarite.example');
    await admin.page.locator('#invite-roles-worker').uncheck();
    await admin.page.locator('#invite-roles-coordinator').check();
    await admin.page.getByRole('button', { name: 'Envoyer l’invitation' }).click();
    await admin.page.getByText('Une invitation a été envoyée à luc@solidarite.example. Elle est valable 72 heures.').waitFor();
    await admin.context.close();

    // The coordinator signs in for the first time, through the invitation.
    const coordinator = await acceptInvitation('luc@solidarite.example', 'érable castor huard');
    await coordinator.page.getByRole('link', { name: 'Dossiers et échéances à venir' }).waitFor();
    await coordinator.context.close();

    // And the new member's service is found in the public directory.
    const visitor = await french();
    await visitor.page.goto(`${web.base}/directory`);
    await visitor.page.getByLabel('Que cherchez-vous ?').fill('travailleurs agricoles');
    await visitor.page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    const result = visitor.page.locator('li', { hasText: 'Droits des travailleurs agricoles saisonniers' });
    await result.getByText('Solidarité Montérégie').first().waitFor();
    await visitor.context.close();
  });

  it('an applicant answers the network’s question in English through the emailed link, which then stops working', {
    timeout: 120_000,
  }, async () => {
    const network = await makeAccount(deps, (await makeAgency(deps, 'Network desk')).id, ['network_admin']);
    const { id } = await apply(
      deps,
      {
        organizationName: 'Prairie Outreach Collective',
        province: 'SK',
        city: 'Regina',
        criteria: { canadian: true, nonGovernmental: true, worksInCanada: true },
        work: ['awareness'],
        whatItDoes: 'Workshops on labour trafficking for settlement workers and employers.',
        howItMeetsCriteria: 'A registered Saskatchewan non-profit, independent of any government.',
        contact: { name: 'Dana Wolfe', email: 'dana@prairie.example' },
        language: 'en',
      },
      '192.0.2.50',
    );
    await askForMore(deps, asActor(network), id, { was: 'submitted', question: 'Which towns do your workshops reach?' });
    const letter = (await pendingEmails(deps)).find((m) => m.toAddress === 'dana@prairie.example' && m.subject.includes('asks for more'));
    const token = letter?.body.match(/\/join\/answer#([\w-]+)/)?.[1] as string;

    const context = await browser.newContext({ locale: 'en-CA', bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${web.base}/join/answer#${token}`);
    await page.getByText('About the application of Prairie Outreach Collective, the network asks:').waitFor();
    await page.getByText('Which towns do your workshops reach?').waitFor();
    expect(page.url()).not.toContain(token);
    expect(await axeViolations(page)).toEqual([]);
    await fitsAt320(page);
    await page.getByLabel('Your answer').fill('Regina, Moose Jaw and Swift Current, with the local settlement agencies.');
    await page.getByRole('button', { name: 'Send the answer' }).click();
    await page.getByText('Thank you: your answer was sent.').waitFor();
    // Opened again, as from the email (a new tab): the link is spent.
    const again = await context.newPage();
    await again.goto(`${web.base}/join/answer#${token}`);
    await again.getByRole('alert').filter({ hasText: 'This link is not valid' }).waitFor();
    await context.close();
  });
});
