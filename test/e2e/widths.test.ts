import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, startWeb, type WebHarness } from '../support/browser.js';
import { openTestDb, type TestDb, testDeps, withRealClock } from '../support/db.js';
import { makeAgency, makeMemberService } from '../support/factories.js';

const publicPages = [
  '/',
  '/rights/en/work-rights',
  '/rights/fr/leaving-safely',
  '/safety',
  '/directory',
  '/library',
  '/identification',
  '/statistics',
  '/statistics/published',
  '/sign-in',
  '/join',
  '/news',
];

/** Pairs of visible controls whose boxes overlap by more than a pixel each way, named for the message. */
async function overlappingControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30)}"`;
    const controls = [...document.querySelectorAll('a[href], button, input, select, textarea, summary')]
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && box.height > 0);
    const found: string[] = [];
    for (let i = 0; i < controls.length; i++)
      for (let j = i + 1; j < controls.length; j++) {
        const a = controls[i] as (typeof controls)[number];
        const b = controls[j] as (typeof controls)[number];
        if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
        const x = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left);
        const y = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top);
        if (x > 1 && y > 1) found.push(`${name(a.el)} over ${name(b.el)}`);
      }
    return found;
  });
}

/** The innermost elements that reach past the right edge, to say what to fix. */
function widest(page: Page, width: number): Promise<string> {
  return page.evaluate((limit) => {
    const past = [...document.querySelectorAll('body *')].filter((el) => el.getBoundingClientRect().right > limit + 1);
    const innermost = past.filter((el) => !past.some((other) => other !== el && el.contains(other)));
    return innermost
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} "${(el.textContent ?? '').trim().slice(0, 40)}"`)
      .join('; ');
  }, width);
}

describe.skipIf(!browserAvailable)('public pages at 320 and 1280 px, in English and French', () => {
  let db: TestDb;
  let web: WebHarness;

  beforeAll(async () => {
    db = await openTestDb('embedded');
    const deps = withRealClock(testDeps(db));
    const agency = (await makeAgency(deps, 'Clinique juridique communautaire de Montréal-Nord et des environs')).id;
    // A long French name, as real listings have, so results are measured at their widest.
    const { id } = await makeMemberService(deps, agency, {
      organizationName: 'Clinique juridique communautaire de Montréal-Nord et des environs',
      name: 'Accompagnement juridique des travailleuses et travailleurs étrangers temporaires',
      categories: ['legal'],
      contact: {
        phones: [
          { number: '+1 514 555 0142', extension: '1234' },
          { number: '1-800-555-0199', kind: 'text' },
        ],
        email: 'accompagnement.juridique.travailleurs@example.org',
        website: 'https://example.org/accompagnement-juridique-des-travailleuses-et-travailleurs',
      },
      point: { name: 'Bureau', city: 'Montréal', province: 'QC' },
    });
    publicPages.push(`/directory/services/${id}`);
    web = await startWeb(deps);
  });
  afterAll(async () => {
    await web?.close();
    await db?.close();
  });

  for (const locale of ['en-CA', 'fr-CA'])
    for (const width of [320, 1280])
      it(`scrolls no page sideways and lets no control cover another, ${locale} at ${width} px`, async () => {
        const context = await web.browser.newContext({ viewport: { width, height: 800 }, locale });
        const page = await context.newPage();
        const problems: string[] = [];
        for (const url of publicPages) {
          await page.goto(`${web.base}${url}`);
          await page.getByRole('heading', { level: 1 }).first().waitFor();
          if (url === '/directory' || url === '/library') {
            await page.locator('form button[type="submit"]').first().click();
            await page.locator('[role="status"], h2').first().waitFor();
          }
          // Measured from the top: a sticky header may have content under it once the page scrolls.
          await page.evaluate(() => window.scrollTo(0, 0));
          const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
          if (scrollWidth > width) problems.push(`${url}: ${scrollWidth - width} px wider than the screen: ${await widest(page, width)}`);
          for (const pair of await overlappingControls(page)) problems.push(`${url}: ${pair}`);
        }
        expect(problems).toEqual([]);
        await context.close();
      });
});
