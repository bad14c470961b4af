import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inviteAccount } from '../../src/modules/accounts/service.js';
import { commandLine } from '../../src/platform/policy.js';
import { axeViolations, browserAvailable, setUpSecondFactorInFrench, startWeb, type WebHarness } from '../support/browser.js';
import { openTestDb, type TestDb, type TestDeps, testDeps, withRealClock } from '../support/db.js';
import { makeAgency } from '../support/factories.js';

describe.skipIf(!browserAvailable)('an invitation in Chromium', () => {
  let db: TestDb;
  let deps: TestDeps;
  let web: WebHarness;

  beforeAll(async () => {
    db = await openTestDb('embedded');
    deps = withRealClock(testDeps(db));
    web = await startWeb(deps);
  });
  afterAll(async () => {
    await web?.close();
    await db?.close();
  });

  it('lets the invited person set their own password in French, takes the token out of the address bar, and goes on to the second factor', async () => {
    const agency = await makeAgency(deps, 'Refuge du Nord');
    const { link } = await inviteAccount(deps, commandLine, {
      agencyId: agency.id,
      email: 'nadia.coordination@test.example',
      displayName: 'Nadia',
      roles: ['coordinator'],
    });
    const token = link.split('#')[1] as string;
    const context = await web.browser.newContext({ locale: 'fr-CA', bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${web.base}/invitation#${token}`);
    await page.getByText(/Cette invitation est pour Nadia \(nadia\.coordination@test\.example\), Refuge du Nord/).waitFor();
    expect(page.url()).not.toContain(token);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Nouveau mot de passe').fill('motdepasse123');
    await page.getByLabel('Le même mot de passe encore').fill('motdepasse123');
    await page.getByRole('button', { name: 'Enregistrer mon mot de passe et continuer' }).click();
    await page.getByRole('alert').filter({ hasText: 'trop facile à deviner' }).waitFor();

    await page.getByLabel('Nouveau mot de passe').fill('rivière lanterne boussole');
    await page.getByLabel('Le même mot de passe encore').fill('rivière lanterne boussole');
    await page.getByRole('button', { name: 'Enregistrer mon mot de passe et continuer' }).click();
    await setUpSecondFactorInFrench(page);

    // The link is spent.
    await page.goto(`${web.base}/invitation#${token}`);
    await page.getByRole('alert').filter({ hasText: "Ce lien d'invitation n'est pas valide" }).waitFor();
    await context.close();
  });
});
