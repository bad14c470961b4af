/**
 * The help form, made on the server in the person's language. Its script (web/help/main.ts) does
 * everything after: it shows the steps in place, so the address bar never changes, and locks the
 * message in the browser. With JavaScript off the form stays disabled and says why, beside the
 * hotline. Nothing a person types is ever sent in a URL, and the browser is asked not to
 * remember it (autocomplete off).
 */
import provincesFile from '../../../data/geo/provinces.json' with { type: 'json' };
import { esc, frame, helpNow, type Language, type ReviewState, stateNotice, type UiWords } from '../rights/index.js';
import { type HelpWords, needs } from './content.js';

export const HELP_SCRIPT = '/help-form/help.js';

const radio = (name: string, value: string, label: string, checked = false) =>
  `<label class="choice"><input type="radio" name="${name}" value="${value}"${checked ? ' checked' : ''}> ${esc(label)}</label>`;
const field = (id: string, label: string, input: string, hint?: string) =>
  `<p class="field"><label for="${id}">${esc(label)}</label>${hint ? `<span class="hint" id="${id}-hint">${esc(hint)}</span>` : ''}${input}</p>`;

/** Script data: a JSON block, which the page's policy does not run. `<` is escaped so it cannot close the block. */
const data = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

export function renderHelpPage(input: {
  language: Language;
  languages: Language[];
  ui: UiWords;
  words: HelpWords;
  state: ReviewState;
}): string {
  const { language, ui, words } = input;
  const nameIn = (province: { en: string; fr: string }) => (language.code === 'fr' ? province.fr : province.en);
  const provinces = provincesFile.provinces
    .map((p) => ({ code: p.code, name: nameIn(p) }))
    .sort((a, b) => a.name.localeCompare(b.name, language.code));
  const body = `${stateNotice(ui, input.state)}
<h1>${esc(words.title)}</h1>
<p class="summary">${esc(words.intro)}</p>
${helpNow(ui, language.code, true)}
<noscript><p class="draft no-script">${esc(words.noScript)}</p></noscript>
<form id="help-form" autocomplete="off" novalidate>
<fieldset id="help-fields" class="plain" disabled>
<section id="step-needs">
<fieldset><legend><h2>${esc(words.needsTitle)}</h2></legend>
${needs.map((need) => `<label class="choice"><input type="checkbox" name="need" value="${need}"> ${esc(words.needs[need])}</label>`).join('\n')}
</fieldset>
<fieldset><legend><h2>${esc(words.whereTitle)}</h2></legend>
${field('province', words.province, `<select id="province" name="province"><option value="">${esc(words.anyProvince)}</option>${provinces.map((p) => `<option value="${p.code}">${esc(p.name)}</option>`).join('')}</select>`)}
${field('place', words.place, '<input id="place" name="place" maxlength="100">')}
</fieldset>
<p><button type="button" id="show-places">${esc(words.showPlaces)}</button></p>
</section>
<section id="step-who" hidden>
<h2>${esc(words.placesTitle)}</h2>
<ul id="places" class="places"></ul>
<fieldset><legend><h2>${esc(words.whoTitle)}</h2></legend>
<div id="agencies"></div>
${radio('agency', 'network', words.networkChooses)}
${radio('agency', 'none', words.noContact)}
</fieldset>
<p id="no-contact-done" hidden>${esc(words.noContactDone)}</p>
</section>
<section id="step-contact" hidden>
<fieldset><legend><h2>${esc(words.contactTitle)}</h2></legend>
<fieldset><legend>${esc(words.channel)}</legend>
${radio('channel', 'phone', words.channels.phone, true)}
${radio('channel', 'text', words.channels.text)}
${radio('channel', 'email', words.channels.email)}
</fieldset>
${field('reach-at', words.reachAt, '<input id="reach-at" name="reachAt" maxlength="200" dir="ltr">')}
${field('safe-times', words.safeTimes, '<input id="safe-times" name="safeTimes" maxlength="200">')}
<fieldset><legend>${esc(words.leaveMessage)}</legend>
${radio('leave-message', 'no', words.no, true)}
${radio('leave-message', 'yes', words.yes)}
</fieldset>
${field('code-word', words.codeWord, '<input id="code-word" name="codeWord" maxlength="60" aria-describedby="code-word-hint">', words.codeWordHint)}
${field('person-name', words.name, '<input id="person-name" name="name" maxlength="100">')}
${field('message', words.message, '<textarea id="message" name="message" rows="5" maxlength="4000"></textarea>')}
</fieldset>
<p><button type="submit" id="send">${esc(words.send)}</button></p>
</section>
<p id="working" role="status" hidden>${esc(words.working)}</p>
<p id="problem" class="problem" role="alert" hidden></p>
</fieldset>
</form>
<section id="sent" hidden tabindex="-1">
<h2>${esc(words.sentTitle)}</h2>
<p>${esc(words.receiptIntro)}</p>
<p class="receipt" id="receipt-number" dir="ltr"></p>
<p>${esc(words.receiptKeep)}</p>
</section>
<section id="check">
<h2>${esc(words.checkTitle)}</h2>
<form id="check-form" autocomplete="off" novalidate>
<fieldset id="check-fields" class="plain" disabled>
${field('receipt-input', words.receipt, '<input id="receipt-input" name="receipt" inputmode="numeric" dir="ltr" maxlength="30">')}
<p><button type="submit">${esc(words.check)}</button></p>
</fieldset>
</form>
<div id="status" role="status"></div>
</section>
<script type="application/json" id="help-data">${data({ language: language.code, words })}</script>`;
  return frame({
    language,
    languages: input.languages,
    ui,
    title: `${words.title} — ${ui.site}`,
    hrefFor: (code) => `/help/${code}`,
    body,
    script: HELP_SCRIPT,
  });
}
