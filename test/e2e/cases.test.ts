import ical, { type VEvent } from 'node-ical';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remindDeadlines } from '../../src/modules/cases/reminders.js';
import type { Deps } from '../../src/platform/context.js';
import { axeViolations, browserAvailable, signedInPage, startWeb, tabTo, type WebHarness } from '../support/browser.js';
import { openTestDb, type TestDb, testDeps, withRealClock } from '../support/db.js';
import { asActor, makeAccount, makeAgency, makeCase, PASSWORD } from '../support/factories.js';

const isoDaysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe.skipIf(!browserAvailable)('case pages in Chromium', () => {
  let db: TestDb;
  let web: WebHarness;
  let browser: Browser;
  let base: string;
  let email: string;
  let deps: Deps;
  let account: Awaited<ReturnType<typeof makeAccount>>;

  beforeAll(async () => {
    db = await openTestDb('embedded');
    deps = withRealClock(testDeps(db, { HARBOUR_MFA: 'optional' }));
    const agencyId = (await makeAgency(deps, 'Maison Marguerite')).id;
    account = await makeAccount(deps, agencyId, ['coordinator']);
    email = account.email;
    web = await startWeb(deps);
    ({ browser, base } = web);
  });
  afterAll(async () => {
    await web?.close();
    await db?.close();
  });

  it('opens a case, fills the safety plan, adds a permit and sees its deadline on the calendar — in French', async () => {
    const { context, page } = await signedInPage(browser, base, email, PASSWORD, 'fr');
    await page.getByRole('link', { name: 'Dossiers et échéances à venir' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dossiers' }).waitFor();
    await page.getByText('Aucune échéance dans les 60 prochains jours.').waitFor();
    await page.getByRole('link', { name: 'Ouvrir un dossier' }).click();
    await page.getByLabel('Nom que la personne donne (un prénom ou un alias suffit)').fill('Rosa');
    await page.getByLabel('Autres noms ou alias, séparés par des virgules').fill('La Rosita');
    await page.getByLabel("Situation d'immigration").selectOption('temporary-foreign-worker');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Ouvrir le dossier' }).click();
    await page.getByRole('heading', { level: 1, name: 'Rosa' }).waitFor();
    // Every field of the case page has a label in sight, not only one for screen readers.
    expect(await fieldsWithoutVisibleLabel(page)).toEqual([]);

    await page.getByLabel("Secteur de l'exploitation").selectOption('agriculture');
    await page.getByLabel('Travail', { exact: true }).check();
    await page.getByRole('button', { name: 'Enregistrer la situation' }).click();
    await page.getByText('La situation est enregistrée.').waitFor();

    await page.getByRole('group', { name: 'Permis de travail' }).getByLabel('Objectif').fill('Un permis de travail ouvert');
    await page.getByLabel('Permis de travail — action 1').fill('Préparer la demande avec l’avocate');
    await page.getByLabel('Permis de travail — échéance 1').fill(isoDaysFromNow(10));
    await page.getByRole('button', { name: 'Enregistrer le plan de sécurité' }).click();
    await page.getByText('Le plan de sécurité est enregistré.').waitFor();

    const expires = isoDaysFromNow(40);
    await page.getByLabel('Permis 1 — délivré le').fill(isoDaysFromNow(-325));
    await page.getByLabel('Permis 1 — expire le').fill(expires);
    await page.getByRole('button', { name: 'Enregistrer les permis et les dates' }).click();
    await page.getByText('Les permis et les dates sont enregistrés.').waitFor();
    await page.getByRole('heading', { level: 3, name: 'Permis de séjour temporaire' }).waitFor();
    await page.getByText("Titulaire d'un permis").waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Retour aux dossiers' }).first().click();
    const renewal = page.getByRole('listitem').filter({ hasText: 'Demander le renouvellement du permis de séjour temporaire' });
    await renewal.waitFor();
    const longDate = new Date(`${expires}T12:00:00Z`).toLocaleDateString('fr-CA', { dateStyle: 'long', timeZone: 'UTC' });
    expect(await renewal.textContent()).toContain(longDate);
    await page.getByRole('listitem').filter({ hasText: 'Préparer la demande avec l’avocate' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Chercher par un nom ou un alias').fill('rosita');
    await page.getByRole('button', { name: 'Chercher', exact: true }).click();
    await page.getByRole('heading', { level: 3, name: 'Rosa' }).waitFor();
    await context.close();
  });

  it('after a refused claim, shows the RAD appeal and leave for judicial review with their sources, on the case and the deadline list', async () => {
    const { id } = await makeCase(deps, asActor(account), { person: { names: ['Nadia'] } });
    const { context, page } = await signedInPage(browser, base, email, PASSWORD, 'en');
    await page.goto(`${base}/staff/cases/${id}`);
    await page.getByLabel('Decision on the claim').selectOption('rejected');
    await page.getByLabel('Decided on', { exact: true }).fill(isoDaysFromNow(-6));
    await page.getByLabel('Written reasons of the rejection received on').fill(isoDaysFromNow(-3));
    await page.getByLabel('Notified that the H&C application was refused on').fill(isoDaysFromNow(-1));
    await page.getByRole('button', { name: 'Save the permits and dates' }).click();
    await page.getByText('The permits and dates are saved.').waitFor();
    const due = page.getByRole('list', { name: 'Deadlines that follow from these dates' });
    const notice = due.getByRole('listitem').filter({ hasText: 'Notice of appeal to the Refugee Appeal Division due' });
    expect(await notice.textContent()).toContain('(IRPA s. 110; Refugee Appeal Division Rules; IRPR s. 159.91)');
    const longDate = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-CA', { dateStyle: 'long', timeZone: 'UTC' });
    expect(await notice.textContent()).toContain(longDate(isoDaysFromNow(12)));
    await due.getByRole('listitem').filter({ hasText: 'Appeal to the Refugee Appeal Division to be perfected' }).waitFor();
    const leave = due.getByRole('listitem').filter({ hasText: 'judicial review of the H&C refusal' });
    expect(await leave.textContent()).toContain(`${longDate(isoDaysFromNow(14))} — Last day to ask the Federal Court for leave`);
    expect(await leave.textContent()).toContain('(IRPA s. 72(2)(b))');
    // The 12-month bars still show.
    await page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: 'Humanitarian and compassionate grounds' }) })
      .getByText('Barred')
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Back to the cases' }).first().click();
    const listed = page.getByRole('listitem').filter({ hasText: 'Notice of appeal to the Refugee Appeal Division due' });
    await listed.getByText('Source: IRPA s. 110; Refugee Appeal Division Rules; IRPR s. 159.91').waitFor();
    await listed.getByRole('link', { name: 'Nadia' }).click();

    // No appeal to the RAD: the page says its sources do not cover what follows, rather than inventing a deadline.
    await page.getByLabel(/^No appeal to the Refugee Appeal Division/).check();
    await page.getByRole('button', { name: 'Save the permits and dates' }).click();
    await page.getByText('The permits and dates are saved.').waitFor();
    await page.getByText(/is not in Harbour’s sources: ask the person’s lawyer now/).waitFor();
    expect(await page.getByText('Notice of appeal to the Refugee Appeal Division due').count()).toBe(0);
    await context.close();
  });

  it('records a permit’s type, and the type decides what follows: the open work permit for vulnerable workers, the permit’s end', async () => {
    const { id } = await makeCase(deps, asActor(account), { person: { names: ['Ileana'] } });
    const { context, page } = await signedInPage(browser, base, email, PASSWORD, 'en');
    await page.goto(`${base}/staff/cases/${id}`);
    await page.getByLabel('Permit 1 — type').selectOption('employer-specific');
    await page.getByLabel('Permit 1 — issued on').fill(isoDaysFromNow(-100));
    await page.getByLabel('Permit 1 — expires on').fill(isoDaysFromNow(20));
    await page.getByRole('button', { name: 'Save the permits and dates' }).click();
    await page.getByText('The permits and dates are saved.').waitFor();
    await expect(page.getByLabel('Permit 1 — type').inputValue()).resolves.toBe('employer-specific');
    const owp = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Open work permit for vulnerable workers' }) });
    await owp.getByText('Open', { exact: true }).waitFor();
    await owp.getByText(/IRPR s\. 207\.1; IRCC program delivery instructions/).waitFor();
    // Not a temporary resident permit: no renewal deadline, and the permit still counts as none held.
    expect(await page.getByText('Apply to renew the temporary resident permit').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Back to the cases' }).first().click();
    await page
      .getByRole('listitem')
      .filter({ hasText: 'The employer-specific work permit expires' })
      .getByRole('link', { name: 'Ileana' })
      .waitFor();
    await context.close();
  });

  it('in French: a month and an agenda of deadlines, moved through by keyboard, and a private feed that names no one', async () => {
    // Days in the next two months, whatever today is: the 15th of next month and the 10th of the one after.
    const monthFromNow = (months: number, day: number) => {
      const date = new Date();
      return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, day)).toISOString().slice(0, 10);
    };
    const first = monthFromNow(1, 15);
    const second = monthFromNow(2, 10);
    const { id } = await makeCase(deps, asActor(account), {
      person: { names: ['Maribel Castro'] },
      safetyPlan: {
        'safe-housing': {
          goal: '',
          actions: [
            { what: 'Visiter le logement avec Maribel', due: first },
            { what: 'Signer le bail', due: second },
          ],
        },
      },
    });
    const { context, page } = await signedInPage(browser, base, email, PASSWORD, 'fr');
    await page.getByRole('link', { name: 'Calendrier des échéances et votre flux de calendrier' }).click();
    await page.getByRole('heading', { level: 1, name: 'Calendrier' }).waitFor();
    const monthName = (iso: string) =>
      new Date(`${iso.slice(0, 7)}-15T12:00:00Z`).toLocaleDateString('fr-CA', { month: 'long', year: 'numeric', timeZone: 'UTC' });

    // Page Down, from the view buttons: the next month, in the agenda.
    await tabTo(page, 'button', 'Agenda');
    await page.keyboard.press('PageDown');
    await page.getByRole('heading', { level: 2, name: monthName(first) }).waitFor();
    const day = page.getByRole('region', {
      name: new Date(`${first}T12:00:00Z`).toLocaleDateString('fr-CA', { dateStyle: 'long', timeZone: 'UTC' }),
    });
    await day.getByText('Visiter le logement avec Maribel').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // The month grid, the link reached with Tab and followed with Enter; Back returns to the same month and view.
    await page.getByRole('button', { name: 'Mois', exact: true }).click();
    const grid = page.getByRole('table', { name: `Échéances de ${monthName(first)}, par jour` });
    await grid.getByRole('cell', { name: /Maribel Castro/ }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    // At 320 px the grid scrolls within its own box, reachable by keyboard; the page itself does not scroll sideways.
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 800 });
    await tabTo(page, 'table.month a', 'Maribel Castro');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Maribel Castro' }).waitFor();
    await page.goBack();
    await grid.waitFor();
    await tabTo(page, 'button', 'Mois suivant');
    await page.keyboard.press('Enter');
    await page
      .getByRole('table', { name: `Échéances de ${monthName(second)}, par jour` })
      .getByText('Signer le bail')
      .waitFor();

    // The private feed, in French: the events name the case's reference, never the person or what was written.
    await page.getByLabel('français').check();
    await page.getByRole('button', { name: 'Créer l’adresse de mon flux' }).click();
    const address = await page.getByLabel('L’adresse de votre flux (abonnez-vous-y dans votre logiciel de calendrier)').inputValue();
    const feedAt = `${base}${new URL(address).pathname}${new URL(address).search}`;
    const text = await (await fetch(feedAt)).text();
    const events = Object.values(ical.sync.parseICS(text)).filter((item): item is VEvent => item?.type === 'VEVENT');
    // The other tests' cases are this coordinator's too: this case's two deadlines are among them.
    const reference = `Échéance — dossier H-${id.slice(0, 6).toUpperCase()}`;
    expect(events.filter((event) => event.summary === reference)).toHaveLength(2);
    expect(events.every((event) => /^Échéance — dossier H-[0-9A-F]{6}$/.test(String(event.summary)))).toBe(true);
    expect(text).not.toMatch(/Maribel|Castro|logement|bail/);
    await page.getByText(/Votre flux a été créé le .*, en français\./).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Révoquer mon flux' }).click();
    await page.getByText('Vous n’avez pas de flux de calendrier.').waitFor();
    expect((await fetch(feedAt)).status).toBe(404);
    await context.close();
  });

  it('puts a colleague on the team and hands the case to another coordinator; both are told', async () => {
    const bea = await makeAccount(deps, account.agencyId, ['coordinator']);
    const teammate = await makeAccount(deps, account.agencyId, ['worker']);
    await deps.kysely.updateTable('account').set({ displayName: 'Bea Tremblay' }).where('id', '=', bea.id).execute();
    await deps.kysely.updateTable('account').set({ displayName: 'Tomás Ruiz' }).where('id', '=', teammate.id).execute();
    const { id } = await makeCase(deps, asActor(account), { person: { names: ['Soledad'] } });
    const { context, page } = await signedInPage(browser, base, email, PASSWORD, 'en');
    await page.goto(`${base}/staff/cases/${id}`);
    // The safety plan opens with the person's safety.
    await page.getByRole('group', { name: 'Personal safety and risk' }).getByLabel('Goal').waitFor();
    const team = page.getByRole('region', { name: 'Team and coordinator' });
    await team.getByLabel('Tomás Ruiz').check();
    await team.getByRole('button', { name: 'Save the team' }).click();
    await page.getByText('The team is saved.').waitFor();
    expect(await team.getByLabel('Tomás Ruiz').isChecked()).toBe(true);
    await team.getByLabel('New coordinator').selectOption({ label: 'Bea Tremblay' });
    expect(await axeViolations(page)).toEqual([]);
    await team.getByRole('button', { name: 'Hand the case over' }).click();
    await page.getByText('The case is handed to Bea Tremblay.').waitFor();
    await page.getByText('Coordinator: Bea Tremblay').waitFor();
    await context.close();

    const beaPage = await signedInPage(browser, base, bea.email, PASSWORD, 'en');
    await beaPage.page.goto(`${base}/staff/notifications`);
    await beaPage.page.getByRole('heading', { name: 'A case was handed to you: you coordinate it now' }).waitFor();
    await beaPage.page.getByRole('link', { name: 'Open the case' }).first().click();
    await beaPage.page.getByRole('heading', { level: 1, name: 'Soledad' }).waitFor();
    await beaPage.context.close();
    const tomas = await signedInPage(browser, base, teammate.email, PASSWORD, 'en');
    await tomas.page.goto(`${base}/staff/notifications`);
    await tomas.page.getByRole('heading', { name: 'You were added to a case’s team' }).waitFor();
    await tomas.context.close();
  });

  it('works through the identification aid from a case and keeps the assessment with it', async () => {
    const { context, page } = await signedInPage(browser, base, email, PASSWORD, 'en');
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST') sent.push(new URL(request.url()).pathname);
    });
    await page.goto(`${base}/staff/cases/new`);
    await page.getByLabel('Name the person gives (first name or alias is enough)').fill('Ana');
    await page.getByRole('button', { name: 'Open the case' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ana' }).waitFor();
    await page.getByText('No assessment kept with this case yet.').waitFor();
    await page.getByRole('link', { name: 'Use the identification aid for this case' }).click();
    await page.getByRole('heading', { level: 1, name: 'Identification aid' }).waitFor();
    for (const id of ['DR1', 'DR2', 'EC1', 'EC2', 'CD1', 'CD2']) await page.check(`#indicator-${id}`);
    sent.length = 0;
    await page.getByRole('button', { name: 'See what the indicators suggest' }).click();
    await page.getByRole('heading', { level: 2, name: 'Keep it with the case' }).waitFor();
    expect(sent).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    // Following a remedy and coming Back finds every answer again (kept in the page's history entry).
    await page.getByRole('link', { name: 'Immigration legal help' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Find help' }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { level: 2, name: 'Keep it with the case' }).waitFor();
    for (const id of ['DR1', 'DR2', 'EC1', 'EC2', 'CD1', 'CD2']) expect(await page.isChecked(`#indicator-${id}`)).toBe(true);
    expect(await page.isChecked('#indicator-DR3')).toBe(false);
    await page.getByRole('button', { name: 'Keep this assessment with the case' }).click();
    await page.getByText('The assessment is kept with the case.').waitFor();
    expect(sent).toEqual([expect.stringMatching(/^\/api\/cases\/[0-9a-f-]+\/assessments$/)]);
    await page.getByRole('status').getByRole('link', { name: 'Back to the case' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ana' }).waitFor();
    await page
      .getByRole('listitem')
      .filter({ hasText: /6 indicators/ })
      .waitFor();
    await context.close();
  });

  it('keeps services, consents, notes and documents, reminds, gives the person a bilingual copy, closes, reopens and erases', async () => {
    const { context, page } = await signedInPage(browser, base, email, PASSWORD, 'en');
    await page.goto(`${base}/staff/cases/new`);
    await page.getByLabel('Name the person gives (first name or alias is enough)').fill('Lena');
    await page.getByLabel('Preferred language').selectOption('es');
    await page.getByRole('button', { name: 'Open the case' }).click();
    await page.getByRole('heading', { level: 1, name: 'Lena' }).waitFor();
    const caseUrl = page.url();

    await page.getByLabel('Status — action 1').fill('Book the immigration lawyer');
    await page.getByLabel('Status — due date 1').fill(isoDaysFromNow(5));
    await page.getByRole('button', { name: 'Save the safety plan' }).click();
    await page.getByText('The safety plan is saved.').waitFor();

    await page.getByLabel('Service 1 — date').fill(isoDaysFromNow(-2));
    await page.getByLabel('Service 1 — plan heading').selectOption('legal');
    await page.getByLabel('Service 1 — what was given').fill('Legal information session');
    await page.getByRole('button', { name: 'Save the services' }).click();
    await page.getByText('The services are saved.').waitFor();

    await page.getByLabel('Consent 1 — what they agreed to').fill('Share her first name with the shelter');
    await page.getByLabel('Consent 1 — for what purpose').fill('A bed for tonight');
    await page.getByLabel('Consent 1 — given on').fill(isoDaysFromNow(-1));
    await page.getByRole('button', { name: 'Save the consents' }).click();
    await page.getByText('The consents are saved.').waitFor();

    await page.getByLabel('Claim referred to the Immigration and Refugee Board on').fill(isoDaysFromNow(-3));
    await page.getByLabel('H&C: the best interests of a child are at stake (exception to the bar)').check();
    await page.getByRole('button', { name: 'Save the permits and dates' }).click();
    await page.getByText('The permits and dates are saved.').waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Lena' }).waitFor();
    expect(await page.getByLabel('H&C: the best interests of a child are at stake (exception to the bar)').isChecked()).toBe(true);

    await page.getByLabel('A new note').fill('Met at the clinic; prefers evening calls.');
    await page.getByRole('button', { name: 'Add the note' }).click();
    await page.getByText('Met at the clinic; prefers evening calls.').waitFor();
    await page.getByLabel(/^A document/).setInputFiles({
      name: 'letter.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% a letter from the lawyer\n'),
    });
    await page.getByRole('button', { name: 'Keep the document with the case' }).click();
    await page.getByRole('link', { name: 'letter.pdf' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // The hourly job, run now: the plan action is due within the reminder period.
    expect((await remindDeadlines(deps)).reminders).toBeGreaterThan(0);
    await page.goto(`${base}/staff`);
    await page.getByText(/\(\d+ unread\)/).waitFor();
    await page.getByRole('link', { name: 'Your notices' }).click();
    const dueOn = new Date(`${isoDaysFromNow(5)}T12:00:00Z`).toLocaleDateString('en-CA', { dateStyle: 'long', timeZone: 'UTC' });
    const notice = page.getByRole('listitem').filter({ hasText: 'A safety-plan action is due' }).filter({ hasText: dueOn });
    await notice.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await notice.getByRole('button', { name: 'Mark as read' }).click();
    await notice.getByText('Read', { exact: true }).waitFor();
    await notice.getByRole('link', { name: 'Open the case' }).click();
    await page.getByRole('heading', { level: 1, name: 'Lena' }).waitFor();

    await page.getByRole('link', { name: /The person's copy of their record/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Copy of the record: Lena' }).waitFor();
    for (const [language, heading] of [
      ['English', 'Services delivered'],
      ['Français', 'Services reçus'],
    ]) {
      const part = page.getByRole('region', { name: language });
      await part.getByRole('heading', { level: 3, name: heading }).waitFor();
      expect(await part.textContent()).toContain('Legal information session');
      expect(await part.textContent()).toContain('Met at the clinic; prefers evening calls.');
      expect(await part.textContent()).toContain('letter.pdf');
    }
    // The language is named in words, in each part's own language — never as its code.
    await page.getByRole('region', { name: 'English' }).getByText('Spanish', { exact: true }).waitFor();
    await page.getByRole('region', { name: 'Français' }).getByText('espagnol', { exact: true }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Back to the case' }).click();

    await page.getByLabel('Why the case is closing').selectOption('no-contact');
    await page.getByRole('button', { name: 'Close the case' }).click();
    await page.getByText(/Closed: No contact any more\. It will be purged on/).waitFor();
    await page.getByRole('button', { name: 'Reopen the case' }).click();
    await page.getByRole('button', { name: 'Close the case' }).waitFor();

    await page.getByRole('button', { name: 'Erase the case for good' }).click();
    await page.getByRole('alert').filter({ hasText: 'type "erase"' }).waitFor();
    await page.getByLabel('Type the word erase to confirm').fill('erase');
    await page.getByRole('button', { name: 'Erase the case for good' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
    await page.goto(caseUrl);
    await page.getByText('This case could not be opened.').waitFor();
    await context.close();
  });
});

/** The fields of the page's main part with no visible label of their own (aria-label alone does not count). */
function fieldsWithoutVisibleLabel(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('main input, main select, main textarea')]
      .filter((field) => field.type !== 'hidden' && field.offsetParent !== null)
      .filter((field) => ![...(field.labels ?? [])].some((label) => label.offsetParent !== null && label.textContent?.trim()))
      .map((field) => field.getAttribute('aria-label') ?? field.id ?? field.name),
  );
}
