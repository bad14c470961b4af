import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, createService, createServicePoint } from '../../src/modules/directory/service.js';
import { commandLine } from '../../src/platform/policy.js';
import { axeViolations, browserAvailable, signedInPage, startWeb, type WebHarness } from '../support/browser.js';
import { openTestDb, type TestDb, testDeps, withRealClock } from '../support/db.js';
import { asActor, makeAccount, makeAgency, makeCase, PASSWORD } from '../support/factories.js';

describe.skipIf(!browserAvailable)('referrals between two agencies in Chromium', () => {
  let db: TestDb;
  let web: WebHarness;
  let browser: Browser;
  let base: string;
  let senderEmail: string;
  let receiverEmail: string;
  let deps: ReturnType<typeof testDeps>;
  let senderAccount: Awaited<ReturnType<typeof makeAccount>>;

  beforeAll(async () => {
    db = await openTestDb('embedded');
    deps = withRealClock(testDeps(db, { HARBOUR_MFA: 'optional' }));
    const sending = (await makeAgency(deps, 'Sending Shelter')).id;
    const receiving = (await makeAgency(deps, 'Refuge Laval')).id;
    senderAccount = await makeAccount(deps, sending, ['worker']);
    senderEmail = senderAccount.email;
    receiverEmail = (await makeAccount(deps, receiving, ['coordinator'])).email;
    const organizationId = (await createOrganization(deps, commandLine, { agencyId: receiving, name: 'Refuge Laval', isMember: true })).id;
    const servicePointId = (
      await createServicePoint(deps, commandLine, {
        organizationId,
        name: 'Maison',
        city: 'Laval',
        province: 'QC',
        isConfidential: true,
        address: '12 rue Secrète',
      })
    ).id;
    await createService(deps, commandLine, {
      organizationId,
      servicePointId,
      nameEn: 'Emergency shelter',
      nameFr: "Hébergement d'urgence",
      categories: ['safe-housing'],
      languages: ['fr', 'es'],
    });
    web = await startWeb(deps);
    ({ browser, base } = web);
  });
  afterAll(async () => {
    await web?.close();
    await db?.close();
  });

  /** The referring worker finds the shelter in the directory from the form, records consent and sends. */
  async function refer(page: Page, name: string) {
    await page.goto(`${base}/staff/referrals/new`);
    await page.getByLabel('Kind of help').selectOption('safe-housing');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('button', { name: 'Refer to Emergency shelter' }).click();
    await page.getByText('Referring to Emergency shelter (Refuge Laval).').waitFor();
    await page.getByLabel('First name or alias').fill(name);
    await page.getByLabel('Preferred language').selectOption('es');
    await page.getByLabel('Needs an interpreter').check();
    await page.getByLabel('Safe housing', { exact: true }).check();
    await page.getByLabel('Number to call').fill('514-555-0142');
    await page.getByLabel('Code word').fill('azucena');
    await page.getByLabel('A note for your agency only (never shared)').fill('Employer Vasquez Farms holds her passport');
    await page.getByLabel('The person agreed to share exactly this, with this agency, until this date').check();
    await page.getByRole('button', { name: 'Send the referral' }).click();
    await page.getByRole('heading', { level: 1, name: `Referral for ${name}` }).waitFor();
    await page.getByText('Sent', { exact: true }).waitFor();
    return page.url();
  }

  it('runs the loop: send, receive, accept, progress, complete; decline a second with a reason; withdraw consent', async () => {
    const sender = await signedInPage(browser, base, senderEmail, PASSWORD, 'en');
    const receiver = await signedInPage(browser, base, receiverEmail, PASSWORD, 'en');

    await sender.page.goto(`${base}/staff/referrals/new`);
    await sender.page.getByRole('heading', { level: 1, name: 'Make a referral' }).waitFor();
    expect(await axeViolations(sender.page)).toEqual([]);
    const first = await refer(sender.page, 'Marisol');
    expect(await axeViolations(sender.page)).toEqual([]);

    await receiver.page.goto(`${base}/staff`);
    await receiver.page.getByRole('link', { name: 'Referrals: inbox and sent' }).click();
    const inbox = receiver.page.getByRole('region', { name: 'Inbox: referrals to your agency' });
    await inbox.getByRole('link', { name: 'Marisol' }).click();
    await receiver.page.getByRole('heading', { level: 1, name: 'Referral for Marisol' }).waitFor();
    await receiver.page.getByText('Code word: azucena.').waitFor();
    expect(await receiver.page.textContent('main')).not.toContain('Vasquez');
    expect(await axeViolations(receiver.page)).toEqual([]);
    await receiver.page.getByRole('button', { name: 'Accept the referral' }).click();
    await receiver.page.getByText('The referral is accepted.').waitFor();
    await receiver.page.getByRole('link', { name: 'The case opened from this referral' }).waitFor();
    await receiver.page.getByRole('button', { name: 'Mark it in progress' }).click();
    await receiver.page.getByText('The referral is in progress.').waitFor();
    await receiver.page.getByRole('button', { name: 'Mark it completed' }).click();
    await receiver.page.getByText('The referral is completed.').waitFor();

    await sender.page.goto(first);
    const timeline = sender.page.getByRole('region', { name: 'Timeline (both agencies see it)' });
    for (const state of ['Draft', 'Sent', 'Accepted', 'In progress', 'Completed'])
      await timeline.getByText(state, { exact: false }).first().waitFor();
    await sender.page.getByText('12 rue Secrète').waitFor();

    const second = await refer(sender.page, 'Inés');
    await receiver.page.goto(`${base}/staff/referrals`);
    await receiver.page.getByRole('region', { name: 'Inbox: referrals to your agency' }).getByRole('link', { name: 'Inés' }).click();
    await receiver.page.getByLabel('Why it is declined').selectOption('no-capacity');
    await receiver.page.getByLabel('A word for the referring agency (optional)').fill('Full until Monday');
    await receiver.page.getByRole('button', { name: 'Decline the referral' }).last().click();
    await receiver.page.getByText('The referral is declined.').waitFor();
    await sender.page.goto(second);
    await sender.page.getByText(/Declined \(Refuge Laval\): No room or capacity — Full until Monday/).waitFor();

    await sender.page.goto(first);
    await sender.page.getByRole('button', { name: 'The person withdraws consent' }).click();
    await sender.page.getByText('This cannot be undone. Record it only on the person’s own word.').waitFor();
    await sender.page.getByRole('button', { name: 'Yes, the person withdraws consent' }).click();
    await sender.page.getByText('Consent is withdrawn: the receiving agency can no longer read this referral.').waitFor();
    await receiver.page.goto(first);
    await receiver.page.getByRole('alert').filter({ hasText: 'consent was withdrawn' }).waitFor();
    expect(await receiver.page.textContent('main')).not.toContain('azucena');
    await receiver.page.goto(`${base}/staff/referrals`);
    await receiver.page.getByText('(no longer shared)').waitFor();
    expect(await axeViolations(receiver.page)).toEqual([]);

    await sender.context.close();
    await receiver.context.close();
  });

  it('in French: asks before withdrawing consent, and the case opened from the referral asks its coordinator what follows', async () => {
    const senderEn = await signedInPage(browser, base, senderEmail, PASSWORD, 'en');
    const receiverEn = await signedInPage(browser, base, receiverEmail, PASSWORD, 'en');
    const url = await refer(senderEn.page, 'Lucía');
    await receiverEn.page.goto(url);
    await receiverEn.page.getByRole('button', { name: 'Accept the referral' }).click();
    await receiverEn.page.getByRole('link', { name: 'The case opened from this referral' }).waitFor();
    await senderEn.context.close();
    await receiverEn.context.close();

    const sender = await signedInPage(browser, base, senderEmail, PASSWORD, 'fr');
    await sender.page.goto(url);
    await sender.page.getByRole('button', { name: 'La personne retire son consentement' }).click();
    await sender.page.getByText('Ce retrait est définitif. Inscrivez-le seulement sur la parole de la personne.').waitFor();
    expect(await axeViolations(sender.page)).toEqual([]);
    // Cancelling changes nothing; asking again and confirming withdraws.
    await sender.page.getByRole('button', { name: 'Annuler' }).click();
    await sender.page.getByRole('button', { name: 'La personne retire son consentement' }).click();
    await sender.page.getByRole('button', { name: 'Oui, la personne retire son consentement' }).click();
    await sender.page.getByText('Le consentement est retiré : l’organisme qui reçoit ne peut plus lire cette orientation.').waitFor();

    const receiver = await signedInPage(browser, base, receiverEmail, PASSWORD, 'fr');
    await receiver.page.goto(`${base}/staff/notifications`);
    // Two by now: the English test above withdrew consent for Marisol's case too.
    await receiver.page
      .getByText('Le consentement a été retiré pour un dossier que vous coordonnez : décidez de la suite')
      .first()
      .waitFor();
    await receiver.page.goto(`${base}/staff/cases`);
    const card = receiver.page.getByRole('listitem').filter({ has: receiver.page.getByRole('link', { name: 'Lucía' }) });
    await card.getByText('Consentement retiré : une décision est attendue').waitFor();
    await card.getByRole('link', { name: 'Lucía' }).click();
    const notice = receiver.page.getByRole('region', { name: 'Consentement retiré' });
    await notice.getByText(/Sending Shelter .* a inscrit que la personne a retiré le consentement/).waitFor();
    const today = new Date().toISOString().slice(0, 10);
    await expect(receiver.page.getByLabel('Consentement 1 — retiré le').inputValue()).resolves.toBe(today);
    expect(await axeViolations(receiver.page)).toEqual([]);

    await notice.getByLabel('Effacer ce qui est venu par l’orientation').check();
    await notice.getByRole('button', { name: 'Inscrire la décision' }).click();
    await receiver.page.getByText('La décision est inscrite.').waitFor();
    await receiver.page.getByText(/Décidé le .* : ce qui est venu par l’orientation a été effacé\./).waitFor();
    await receiver.page.getByRole('heading', { level: 1, name: /^H-[0-9A-F]{6}$/ }).waitFor();
    expect(await receiver.page.textContent('main')).not.toContain('Lucía');
    expect(await axeViolations(receiver.page)).toEqual([]);

    await sender.context.close();
    await receiver.context.close();
  });

  it('offers a case’s answers to a referral made from it, copies only what is ticked, and asks for the number to text', async () => {
    const { id } = await makeCase(deps, asActor(senderAccount), {
      person: { names: ['Rosa', 'R. M.'], preferredLanguage: 'tl', interpreterNeeded: true, safeContact: 'Texts only after 8 pm' },
      safetyPlan: {
        legal: { goal: 'A work permit', actions: [] },
        'health-care': { goal: '', actions: [{ what: 'Clinic visit', progress: 'done' }] },
      },
    });
    const { context, page } = await signedInPage(browser, base, senderEmail, PASSWORD, 'en');
    await page.goto(`${base}/staff/cases/${id}`);
    await page.getByRole('link', { name: 'Refer this person to another service' }).click();
    await page.getByRole('button', { name: 'Refer to another team of my agency' }).click();
    const offered = page.getByRole('group', { name: 'From the case' });
    await offered
      .getByText('The case’s safe-contact instructions, to fill in below only what the person agreed to share: “Texts only after 8 pm”')
      .waitFor();
    expect(await offered.getByLabel('Needs from the safety plan: Legal', { exact: true }).isChecked()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await offered.getByLabel('Preferred language: Tagalog').uncheck();
    await offered.getByRole('button', { name: 'Copy the ticked answers into the form' }).click();
    await offered.getByText('Copied into the form below.').waitFor();
    await expect(page.getByLabel('First name or alias', { exact: true }).inputValue()).resolves.toBe('Rosa');
    await expect(page.getByLabel('Preferred language', { exact: true }).inputValue()).resolves.toBe('');
    expect(await page.getByLabel('Needs an interpreter').isChecked()).toBe(true);
    expect(await page.getByLabel('Legal', { exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel('Health care', { exact: true }).isChecked()).toBe(false);

    await page.getByLabel('Channel').selectOption('text');
    await page.getByLabel('The person agreed to share exactly this, with this agency, until this date').check();
    await page.getByRole('button', { name: 'Keep as a draft' }).click();
    await page
      .getByRole('alert')
      .getByText(/safeContact\.reachAt: the number to text, such as 514-555-0142/)
      .waitFor();
    await page.getByLabel('Number to text').fill('514-555-0199');
    await page.getByRole('button', { name: 'Send the referral' }).click();
    await page.getByRole('heading', { level: 1, name: 'Referral for Rosa' }).waitFor();
    await expect(page.getByRole('link', { name: '514-555-0199' }).getAttribute('href')).resolves.toBe('sms:514-555-0199');
    await page.getByRole('link', { name: 'The case this referral was made from' }).waitFor();
    await context.close();
  });

  it('keeps a draft, changes it, and sends it', async () => {
    const { context, page } = await signedInPage(browser, base, senderEmail, PASSWORD, 'en');
    await page.goto(`${base}/staff/referrals/new`);
    await page.getByRole('button', { name: 'Refer to another team of my agency' }).click();
    await page.getByLabel('First name or alias').fill('Joy');
    await page.getByLabel('Legal', { exact: true }).check();
    // Reached only through the referring worker: no number is asked for.
    await page.getByLabel('Channel').selectOption('through-referrer');
    expect(await page.getByLabel('Number to call').count()).toBe(0);
    await page.getByLabel('The person agreed to share exactly this, with this agency, until this date').check();
    await page.getByRole('button', { name: 'Keep as a draft' }).click();
    await page.getByRole('heading', { level: 1, name: 'Referral for Joy' }).waitFor();
    await page.getByText('Draft', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'Change the draft' }).click();
    await page.getByRole('heading', { level: 1, name: 'Change a draft referral' }).waitFor();
    await expect(page.getByLabel('First name or alias').inputValue()).resolves.toBe('Joy');
    await expect(page.getByLabel('Channel').inputValue()).resolves.toBe('through-referrer');
    await page.getByLabel('First name or alias').fill('Joyce');
    await page.getByRole('button', { name: 'Send the referral' }).click();
    await page.getByRole('alert').filter({ hasText: 'Tick again' }).waitFor();
    await page.getByLabel('The person agreed to share exactly this, with this agency, until this date').check();
    await page.getByRole('button', { name: 'Send the referral' }).click();
    await page.getByRole('heading', { level: 1, name: 'Referral for Joyce' }).waitFor();
    await page.getByText('Sent', { exact: true }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('reads in French, with axe passing on the inbox and the form', async () => {
    const { context, page } = await signedInPage(browser, base, receiverEmail, PASSWORD, 'fr');
    await page.getByRole('link', { name: 'Orientations : reçues et envoyées' }).click();
    await page.getByRole('heading', { level: 2, name: 'Reçues : orientations vers votre organisme' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Faire une orientation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Faire une orientation' }).waitFor();
    await page.getByLabel('Prénom ou alias').fill('Ana');
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
