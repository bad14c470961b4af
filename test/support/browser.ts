import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import type { Deps } from '../../src/platform/context.js';
import { totpCode, totpStep } from '../../src/platform/totp.js';
import { buildApp } from '../../src/server.js';

const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
export const chromiumPath = process.env.CHROMIUM_PATH ?? candidates.find((file) => fs.existsSync(file));

/** CI installs Debian's Chromium and sets HARBOUR_REQUIRE_BROWSER, so a missing browser fails there. */
export const browserAvailable = Boolean(chromiumPath);
if (!browserAvailable && process.env.HARBOUR_REQUIRE_BROWSER) {
  throw new Error('HARBOUR_REQUIRE_BROWSER is set but no Chromium was found (apt-get install chromium)');
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath as string,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Answers the quick exit's neutral site with a stub page (the test machines have no internet). */
export async function stubNeutralSite(context: BrowserContext): Promise<void> {
  await context.route(
    (url) => url.hostname === 'weather.gc.ca',
    (route) => route.fulfill({ contentType: 'text/html', body: '<title>Weather</title>' }),
  );
}

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** axe-core's WCAG 2.2 A and AA rules on the page as it is now; an empty list means none failed. */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, options: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations;
  });
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** A new page signed in with a password alone (tests that run with HARBOUR_MFA=optional), in English or French. */
export async function signedInPage(browser: Browser, base: string, email: string, password: string, language: 'en' | 'fr' = 'en') {
  const words =
    language === 'fr'
      ? { email: 'Courriel', password: 'Mot de passe', submit: 'Se connecter', welcome: /^Bienvenue/ }
      : { email: 'Email', password: 'Password', submit: 'Sign in', welcome: /^Welcome/ };
  const context = await browser.newContext({ locale: language === 'fr' ? 'fr-CA' : 'en-CA', bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${base}/sign-in`);
  await page.getByLabel(words.email).fill(email);
  await page.getByLabel(words.password).fill(password);
  await page.getByRole('button', { name: words.submit }).click();
  await page.getByRole('heading', { level: 1, name: words.welcome }).waitFor();
  return { context, page };
}

/**
 * In French, on the page that sets up a second factor: shows the authenticator key, answers with
 * its code, and waits for the recovery codes, as a person would. Returns the key.
 */
export async function setUpSecondFactorInFrench(page: Page): Promise<string> {
  await page.getByRole('heading', { level: 1, name: "Configurez votre application d'authentification" }).waitFor();
  await page.getByRole('button', { name: /Afficher mon code/ }).click();
  const secret = (await page.locator('code.secret').textContent())?.trim() as string;
  await page.getByLabel('Code').fill(totpCode(secret, totpStep(new Date())));
  await page.getByRole('button', { name: /Confirmer et continuer/ }).click();
  await page.getByRole('heading', { level: 1, name: /codes de récupération/i }).waitFor();
  return secret;
}

/** Presses Tab until the element matching `selector` (with `text`, when given) has the focus, as a keyboard user would. */
export async function tabTo(page: Page, selector: string, text?: string, limit = 250): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    const here = await page.evaluate(
      ([s, t]) => (document.activeElement?.matches(s as string) ?? false) && (!t || document.activeElement?.textContent?.trim() === t),
      [selector, text] as const,
    );
    if (here) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${selector} not reached with ${limit} presses of Tab`);
}

const webDir = path.resolve(import.meta.dirname, '..', '..', 'web', 'dist');

export interface WebHarness {
  app: FastifyInstance;
  browser: Browser;
  /** http://127.0.0.1:PORT of the running app. */
  base: string;
  close(): Promise<void>;
}

/** The newest change to a file under `dir`, in ms. */
function newestChange(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  return newest;
}

/** Serves the built front end and the API with `deps` on a free port, and opens Chromium. */
export async function startWeb(deps: Deps): Promise<WebHarness> {
  const shell = path.join(webDir, 'index.html');
  if (!fs.existsSync(shell)) throw new Error('web/dist is missing: run "npm run build:web" (npm install does it)');
  // A bundle older than the pages would test yesterday's pages and pass.
  if (fs.statSync(shell).mtimeMs < newestChange(path.join(webDir, '..', 'src')))
    throw new Error('web/dist is older than web/src: run "npm run build:web" before the browser tests');
  const app = await buildApp(deps, { webDir });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser = await launch();
  return {
    app,
    browser,
    base,
    close: async () => {
      await browser.close();
      await app.close();
    },
  };
}
