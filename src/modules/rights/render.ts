/**
 * The rights pages as plain HTML, made on the server: they read with JavaScript off, weigh a few
 * kilobytes, and print as a one-page leaflet with a QR code to themselves and the hotline number.
 * The only script (exit.js) adds the quick exit's keyboard shortcut and leaves no page to go back
 * to; without it the quick exit is still a link.
 */
import QRCode from 'qrcode';
import type { Language, RightsPage, UiWords } from './content.js';

export const NEUTRAL_SITE = 'https://weather.gc.ca/';

export const esc = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => esc(values[key] ?? ''));

/** Where a translation stands: the network's own text, checked for its current words, checked before a change, or a draft. */
export type ReviewState =
  | { kind: 'original' }
  | { kind: 'reviewed'; reviewer: string; on: string }
  | { kind: 'changed' }
  | { kind: 'draft' };

export interface Frame {
  language: Language;
  languages: Language[];
  ui: UiWords;
  title: string;
  /** The same page in another language: each language's address for the picker. */
  hrefFor: (code: string) => string;
  body: string;
  /** A page's own script beside the quick exit's (the help form's). */
  script?: string;
}

/**
 * Every public page in the person's language: quick exit first (through /leave, which clears what
 * the site stored), the language picker naming each language in itself, then the page.
 */
export function frame({ language, languages, ui, title, hrefFor, body, script }: Frame): string {
  const picker = languages
    .map((other) =>
      other.code === language.code
        ? `<li><span aria-current="true" lang="${other.code}" dir="${other.dir}">${esc(other.autonym)}</span></li>`
        : `<li><a href="${hrefFor(other.code)}" hreflang="${other.code}" lang="${other.code}" dir="${other.dir}">${esc(other.autonym)}</a></li>`,
    )
    .join('');
  return `<!doctype html>
<html lang="${language.code}" dir="${language.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(title)}</title>
<link rel="stylesheet" href="/rights/assets/rights.css">
<link rel="stylesheet" href="/rights/fonts/${language.font}.css">
<script src="/rights/assets/exit.js" defer></script>
${script ? `<script src="${script}" type="module"></script>\n` : ''}</head>
<body>
<a class="quick-exit" href="/leave" data-quick-exit>${esc(ui.quickExit)}</a>
<a class="skip" href="#main">${esc(ui.skip)}</a>
<header>
<p class="site">${esc(ui.site)}</p>
<nav aria-label="${esc(ui.languages)}"><h2 class="picker-title">${esc(ui.languages)}</h2><ul class="picker">${picker}</ul></nav>
</header>
<main id="main">
${body}
</main>
<p class="hint">${esc(ui.quickExitHint)}</p>
</body>
</html>
`;
}

/** 911, the hotline, and the ways to reach a member organization (the help form, where it is not the page itself). */
export const helpNow = (ui: UiWords, language: string, onHelpForm = false) =>
  `<aside class="help-now"><p><strong>${esc(ui.danger)}</strong></p><p>${esc(ui.hotline)}</p>${onHelpForm ? '' : `<p class="screen-only"><a href="/help/${language}">${esc(ui.helpForm)}</a></p>`}<p class="screen-only"><a href="/directory">${esc(ui.directory)}</a></p></aside>`;

export function stateNotice(ui: UiWords, state: ReviewState): string {
  if (state.kind === 'original') return '';
  if (state.kind === 'reviewed') return `<p class="reviewed">${fill(ui.reviewed, { reviewer: state.reviewer, date: state.on })}</p>`;
  return `<p class="draft" role="note">${esc(state.kind === 'changed' ? ui.changedSinceReview : ui.draft)}</p>`;
}

export async function renderPage(input: {
  page: RightsPage;
  language: Language;
  languages: Language[];
  ui: UiWords;
  titles: Array<{ topic: string; title: string }>;
  state: ReviewState;
  publicUrl: string;
}): Promise<string> {
  const { page, ui } = input;
  const address = `${input.publicUrl}/rights/${page.language}/${page.topic}`;
  const qr = await QRCode.toString(address, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  const sections = page.sections
    .map((section) => `<section><h2>${esc(section.heading)}</h2>${section.text.map((p) => `<p>${esc(p)}</p>`).join('')}</section>`)
    .join('\n');
  const others = input.titles
    .filter((other) => other.topic !== page.topic)
    .map((other) => `<li><a href="/rights/${page.language}/${other.topic}">${esc(other.title)}</a></li>`)
    .join('');
  const body = `${stateNotice(ui, input.state)}
<h1>${esc(page.title)}</h1>
<p class="summary">${esc(page.summary)}</p>
${helpNow(ui, page.language)}
<div class="sections">
${sections}
</div>
<p class="confirm">${esc(ui.confirm)}</p>
<section class="sources"><h2>${esc(ui.sources)}</h2><ul lang="en" dir="ltr">${page.sources.map((s) => `<li>${esc(s)}</li>`).join('')}</ul></section>
<div class="pamphlet"><div class="qr" role="img" aria-label="${esc(ui.qr)} ${esc(address)}">${qr}</div><p>${esc(ui.qr)}<br><span dir="ltr">${esc(address)}</span></p></div>
<p class="screen-only print-hint">${esc(ui.print)}</p>
<nav class="screen-only" aria-label="${esc(ui.topics)}"><h2>${esc(ui.topics)}</h2><ul>${others}</ul></nav>`;
  return frame({
    language: input.language,
    languages: input.languages,
    ui,
    title: `${page.title} — ${ui.site}`,
    hrefFor: (code) => `/rights/${code}/${page.topic}`,
    body,
  });
}

export function renderIndex(input: { language: Language; languages: Language[]; ui: UiWords; pages: RightsPage[] }): string {
  const { ui } = input;
  const list = input.pages
    .map((page) => `<li><a href="/rights/${page.language}/${page.topic}">${esc(page.title)}</a><br>${esc(page.summary)}</li>`)
    .join('');
  const body = `<h1>${esc(ui.indexTitle)}</h1>
<p class="summary">${esc(ui.indexIntro)}</p>
${helpNow(ui, input.language.code)}
<ul class="topics">${list}</ul>`;
  return frame({ ...input, title: `${ui.indexTitle} — ${ui.site}`, hrefFor: (code) => `/rights/${code}`, body });
}
