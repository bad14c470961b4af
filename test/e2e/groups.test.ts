import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newGroup } from '../../src/modules/groups/schema.js';
import { createGroup, joinGroup, setRole } from '../../src/modules/groups/service.js';
import { pendingEmails } from '../../src/modules/notifications/index.js';
import { axeViolations, browserAvailable, signedInPage, startWeb, type WebHarness } from '../support/browser.js';
import { openTestDb, type TestDb, type TestDeps, testDeps, withRealClock } from '../support/db.js';
import { asActor, makeAccount, makeAgency, PASSWORD } from '../support/factories.js';

async function fitsAt320(page: Page) {
  await page.setViewportSize({ width: 320, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  expect(await axeViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe.skipIf(!browserAvailable)('working groups in Chromium', () => {
  let db: TestDb;
  let deps: TestDeps;
  let web: WebHarness;
  let coordinatorEmail: string;
  let memberEmail: string;
  let nationalId: string;

  beforeAll(async () => {
    db = await openTestDb('embedded');
    deps = withRealClock(testDeps(db, { HARBOUR_MFA: 'optional' }));
    const office = await makeAgency(deps, 'Bureau national');
    const networkAdmin = await makeAccount(deps, office.id, ['network_admin']);
    const coordinator = await makeAccount(deps, (await makeAgency(deps, 'Maison Marguerite')).id, ['coordinator']);
    coordinatorEmail = coordinator.email;
    memberEmail = (await makeAccount(deps, (await makeAgency(deps, 'Clinique juridique de Laval')).id, ['worker'])).email;
    web = await startWeb(deps);
    // The national committee, and the coordinator named one of its coordinators by the network admin.
    const national = await createGroup(
      deps,
      asActor(networkAdmin),
      newGroup.parse({ level: 'national', nameEn: 'National committee', nameFr: 'Comité national' }),
    );
    nationalId = national.id;
    await joinGroup(deps, asActor(coordinator), nationalId);
    await setRole(deps, asActor(networkAdmin), nationalId, coordinator.id, 'coordinator');
  });
  afterAll(async () => {
    await web?.close();
    await db?.close();
  });

  it('a coordinator creates a city group under the national one and schedules a meeting; a member answers in French and gets the calendar file', {
    timeout: 180_000,
  }, async () => {
    const lead = await signedInPage(web.browser, web.base, coordinatorEmail, PASSWORD, 'fr');
    await lead.page.getByRole('link', { name: 'Groupes de travail et réunions' }).click();
    await lead.page.getByRole('heading', { level: 1, name: 'Groupes de travail' }).waitFor();
    expect(await axeViolations(lead.page)).toEqual([]);
    await lead.page.getByRole('link', { name: 'Comité national' }).click();
    await lead.page.getByRole('heading', { level: 1, name: 'Comité national' }).waitFor();
    await lead.page.getByLabel('Type de groupe').selectOption('city');
    const under = lead.page.locator('section', { has: lead.page.getByRole('heading', { name: 'Créer un groupe qui relève de celui-ci' }) });
    await under.getByLabel('Nom en anglais').fill('Montréal working group');
    await under.getByLabel('Nom en français').fill('Groupe de travail de Montréal');
    await under.getByLabel('Ville ou localité').fill('Montréal');
    await under.getByLabel('Province ou territoire').selectOption('QC');
    await under.getByRole('button', { name: 'Créer le groupe' }).click();
    await lead.page.getByRole('heading', { level: 1, name: 'Groupe de travail de Montréal' }).waitFor();
    await lead.page.getByText('relève de').waitFor();
    await lead.page.getByRole('link', { name: 'Comité national' }).waitFor();

    const date = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const schedule = lead.page.locator('section', { has: lead.page.getByRole('heading', { name: 'Prévoir une réunion' }) });
    await schedule.getByLabel('Titre').fill('Rencontre de lancement');
    await schedule.getByLabel('Date').fill(date);
    await schedule.getByLabel('Début').fill('10:00');
    await schedule.getByLabel('Fin').fill('11:30');
    await schedule.getByLabel('Fuseau horaire').selectOption('America/Toronto');
    await schedule.getByLabel('Lien pour rejoindre l’appel').fill('https://meet.example.org/montreal');
    await schedule.getByLabel('Places (laisser vide s’il n’y a pas de limite)').fill('12');
    await schedule.getByLabel('Ordre du jour').fill('1. Tour de table\n2. Saison agricole');
    expect(await axeViolations(lead.page)).toEqual([]);
    await schedule.getByRole('button', { name: 'Prévoir la réunion' }).click();
    await lead.page.getByRole('heading', { level: 1, name: 'Rencontre de lancement' }).waitFor();
    const meetingUrl = lead.page.url();

    // The coordinator records a decision taken at that meeting.
    await lead.page.getByRole('link', { name: 'Groupe de travail de Montréal' }).click();
    await lead.page.getByLabel('La décision').fill('Le groupe se réunit le premier jeudi de chaque mois.');
    await lead.page.getByLabel('À la réunion').selectOption({ label: 'Rencontre de lancement' });
    await lead.page.getByRole('button', { name: 'Consigner la décision' }).click();
    await lead.page.getByText('Le groupe se réunit le premier jeudi de chaque mois.').waitFor();
    expect(await axeViolations(lead.page)).toEqual([]);
    await lead.context.close();

    // A member of another agency finds the group, joins it and answers in French.
    const member = await signedInPage(web.browser, web.base, memberEmail, PASSWORD, 'fr');
    await member.page.getByRole('link', { name: 'Groupes de travail et réunions' }).click();
    await member.page.getByRole('link', { name: 'Groupe de travail de Montréal' }).click();
    await member.page.getByRole('button', { name: 'Se joindre à ce groupe' }).click();
    await member.page.getByRole('button', { name: 'Quitter ce groupe' }).waitFor();
    await member.page.getByRole('link', { name: 'Rencontre de lancement' }).click();
    await member.page.getByRole('heading', { level: 1, name: 'Rencontre de lancement' }).waitFor();
    expect(member.page.url()).toBe(meetingUrl);
    await member.page.getByRole('link', { name: 'https://meet.example.org/montreal' }).waitFor();
    await member.page.getByText('0 participant·e / 12').waitFor();
    await member.page.getByLabel('Oui, je serai là').click();
    await member.page.getByText('C’est noté : vous serez là.').waitFor();
    await member.page.getByText('1 participant·e / 12').waitFor();
    expect(await axeViolations(member.page)).toEqual([]);
    await fitsAt320(member.page);

    // The member starts a discussion in the group; case information is refused by name of the rule, not of the person.
    await member.page.getByRole('link', { name: 'Groupe de travail de Montréal' }).click();
    await member.page.getByText(/L’adresse du groupe : montreal-working-group@/).waitFor();
    await member.page.getByLabel('Objet').fill('Covoiturage pour la rencontre');
    await member.page.getByLabel('Message', { exact: true }).fill('Je pars de Laval à 9 h, deux places libres.');
    await member.page.getByRole('button', { name: 'Envoyer', exact: true }).click();
    await member.page.getByText('Envoyé au groupe.').waitFor();
    await member.page.getByRole('link', { name: 'Covoiturage pour la rencontre' }).click();
    await member.page.getByRole('heading', { level: 1, name: 'Covoiturage pour la rencontre' }).waitFor();
    await member.page.getByText('Je pars de Laval à 9 h, deux places libres.').waitFor();
    expect(await axeViolations(member.page)).toEqual([]);
    await fitsAt320(member.page);
    await member.context.close();

    const letter = (await pendingEmails(deps)).find((m) => m.toAddress === memberEmail && m.subject.includes('Rencontre de lancement'));
    expect(letter?.attachments[0]?.content).toContain('SUMMARY:Rencontre de lancement');
    expect(letter?.attachments[0]?.content).toContain('https://meet.example.org/montreal');

    // The coordinator cancels the meeting, asked twice; the member who said yes is mailed an .ics that cancels it.
    const again = await signedInPage(web.browser, web.base, coordinatorEmail, PASSWORD, 'fr');
    await again.page.goto(meetingUrl);
    await again.page.getByRole('heading', { level: 1, name: 'Rencontre de lancement' }).waitFor();
    await again.page.getByLabel('Pourquoi (facultatif : les membres en sont informés)').fill('La salle n’est plus libre.');
    await again.page.getByRole('button', { name: 'Annuler la réunion' }).click();
    expect(await axeViolations(again.page)).toEqual([]);
    await again.page.getByRole('button', { name: 'Oui, l’annuler et en informer les membres' }).click();
    await again.page.getByText('La réunion est annulée ; les membres en sont informés.').waitFor();
    await again.page.getByText('Cette réunion a été annulée.').waitFor();
    await fitsAt320(again.page);
    await again.context.close();
    const cancelled = (await pendingEmails(deps)).find((m) => m.toAddress === memberEmail && m.subject.includes('Annulée'));
    expect(cancelled?.body).toContain('La salle n’est plus libre.');
    expect(cancelled?.attachments[0]?.content).toContain('STATUS:CANCELLED');
  });
});
