/**
 * The help form's script. It runs on the page the server made (src/modules/help/page.ts), in the
 * person's language, and keeps everything in this one page: the address bar never changes, and
 * nothing is written to the browser's storage. The message is sealed here, to the chosen agency's
 * key and the network's, before anything is sent; the receipt is made here and never sent.
 */
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/web/sha';
import type { z } from 'zod';
import type { searchResponse } from '../../../src/modules/directory/responses';
import {
  formatReceipt,
  type HelpMessage,
  newReceipt,
  openReply,
  parseReceipt,
  receiptSecrets,
  sealRequest,
} from '../../../src/modules/help/envelope';
import type { intakeDirectory, status as statusSchema } from '../../../src/modules/help/schema';
import type { HelpWords } from '../../../src/modules/help/words';

type Intake = z.output<typeof intakeDirectory>;
type Status = z.output<typeof statusSchema>;
type Search = z.output<typeof searchResponse>;

const data = JSON.parse(document.getElementById('help-data')?.textContent ?? '{}') as { language: string; words: HelpWords };
const { words, language } = data;

function element<T extends HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}
const form = element<HTMLFormElement>('help-form');
const problem = element<HTMLParagraphElement>('problem');
const working = element<HTMLParagraphElement>('working');
const sendButton = element<HTMLButtonElement>('send');
const checked = (name: string) =>
  Array.from(form.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`), (input) => input.value);
const value = (id: string) => element<HTMLInputElement>(id).value.trim();
const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');

function say(message: string | undefined, focus?: HTMLElement) {
  problem.hidden = !message;
  problem.textContent = message ?? '';
  focus?.focus();
}

async function api<T>(method: 'GET' | 'POST', url: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(url, {
    method,
    credentials: 'omit',
    cache: 'no-store',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

let intake: Intake | undefined;

function item(text: string, children: Node[] = []) {
  const li = document.createElement('li');
  const strong = document.createElement('strong');
  strong.textContent = text;
  li.append(strong, ...children);
  return li;
}

async function showPlaces() {
  say(undefined);
  const province = element<HTMLSelectElement>('province').value;
  const place = value('place');
  const query = new URLSearchParams({ pageSize: '5' });
  for (const need of checked('need')) query.append('category', need);
  if (place) query.set('near', place);
  else if (province) query.set('province', province);
  let search = await api<Search>('GET', `/api/directory/search?${query}`);
  // A place the directory does not know: search the province instead of giving nothing.
  if (search.status === 400 && place) {
    query.delete('near');
    if (province) query.set('province', province);
    search = await api<Search>('GET', `/api/directory/search?${query}`);
  }
  const places = element<HTMLUListElement>('places');
  places.replaceChildren();
  const results = search.status === 200 ? search.body.results : [];
  for (const service of results) {
    const details: Node[] = [];
    const where = service.location ? `${service.location.city}, ${service.location.province}` : '';
    details.push(document.createTextNode(` — ${service.organization.name}${where ? ` (${where})` : ''}`));
    for (const phone of service.phones.filter((p) => p.kind === 'voice' || p.kind === 'text').slice(0, 1)) {
      const link = document.createElement('a');
      link.href = `tel:${phone.number.replace(/[^0-9+]/g, '')}`;
      link.textContent = phone.number;
      link.dir = 'ltr';
      details.push(document.createElement('br'), link);
    }
    places.append(item(language === 'fr' ? service.name.fr : service.name.en, details));
  }
  if (results.length === 0) places.append(item(words.noPlaces));

  const answer = await api<Intake>('GET', `/api/help/intake${province ? `?province=${province}` : ''}`);
  intake = answer.status === 200 ? answer.body : { agencies: [], network: null };
  const agencies = element<HTMLDivElement>('agencies');
  agencies.replaceChildren();
  for (const agency of intake.agencies) {
    const label = document.createElement('label');
    label.className = 'choice';
    const input = document.createElement('input');
    input.type = 'radio';
    input.name = 'agency';
    input.value = agency.agencyId;
    label.append(input, ` ${agency.name}`);
    agencies.append(label);
  }
  const network = form.querySelector<HTMLInputElement>('input[name="agency"][value="network"]');
  if (network) network.closest('label')?.toggleAttribute('hidden', !intake.network);
  if (intake.agencies.length === 0 && !intake.network) {
    const none = document.createElement('p');
    none.textContent = words.noAgencies;
    agencies.append(none);
  }
  element('step-who').hidden = false;
  element('step-who').querySelector('h2')?.setAttribute('tabindex', '-1');
  (element('step-who').querySelector('h2') as HTMLElement).focus();
}

function chooseWho() {
  const who = checked('agency')[0];
  element('step-contact').hidden = !who || who === 'none';
  element('no-contact-done').hidden = who !== 'none';
}

async function send(event: Event) {
  event.preventDefault();
  const who = checked('agency')[0];
  if (!who || who === 'none' || !intake) return;
  const reachAt = element<HTMLInputElement>('reach-at');
  if (!reachAt.value.trim()) return say(fill(words.required, { field: words.reachAt }), reachAt);
  say(undefined);
  working.hidden = false;
  sendButton.disabled = true;
  try {
    const agency = intake.agencies.find((a) => a.agencyId === who);
    const keys = [
      ...(agency ? [{ id: agency.keyId, publicKey: agency.publicKey }] : []),
      ...(intake.network ? [{ id: intake.network.keyId, publicKey: intake.network.publicKey }] : []),
    ];
    const receipt = newReceipt();
    const message: HelpMessage = {
      v: 1,
      language,
      needs: checked('need'),
      province: element<HTMLSelectElement>('province').value,
      place: value('place'),
      contact: {
        channel: (checked('channel')[0] ?? 'phone') as HelpMessage['contact']['channel'],
        reachAt: reachAt.value.trim(),
        safeTimes: value('safe-times'),
        leaveMessage: checked('leave-message')[0] === 'yes',
        codeWord: value('code-word'),
      },
      name: value('person-name'),
      message: element<HTMLTextAreaElement>('message').value.trim(),
      receipt,
    };
    const id = crypto.randomUUID();
    const [secrets, envelopes, challenge] = await Promise.all([
      receiptSecrets(receipt),
      sealRequest(id, message, keys),
      api<Parameters<typeof solveChallenge>[0]['challenge']>('POST', '/api/help/challenge').then((r) => r.body),
    ]);
    const solution = await solveChallenge({ challenge, deriveKey });
    const sent = await api('POST', '/api/help/requests', {
      id,
      agencyId: agency ? agency.agencyId : null,
      lookup: secrets.lookup,
      envelopes,
      proof: { challenge, solution },
    });
    if (sent.status !== 201) throw new Error(String(sent.status));
    // What was typed leaves the page as soon as it is sent.
    form.reset();
    form.hidden = true;
    element('receipt-number').textContent = formatReceipt(receipt);
    element('sent').hidden = false;
    element('sent').focus();
  } catch {
    say(words.failed);
  } finally {
    working.hidden = true;
    sendButton.disabled = false;
  }
}

async function check(event: Event) {
  event.preventDefault();
  const out = element<HTMLDivElement>('status');
  out.replaceChildren();
  const paragraph = (text: string) => {
    const p = document.createElement('p');
    p.textContent = text;
    return p;
  };
  const receipt = parseReceipt(value('receipt-input'));
  if (!receipt) return out.append(paragraph(words.notFound));
  const secrets = await receiptSecrets(receipt);
  const answer = await api<Status>('POST', '/api/help/status', { lookup: secrets.lookup });
  if (answer.status !== 200) return out.append(paragraph(answer.status === 404 ? words.notFound : words.failed));
  const status = answer.body;
  out.append(paragraph(fill(words.states[status.state], { agency: status.agency ?? '' })));
  const heading = document.createElement('h3');
  heading.textContent = words.replies;
  out.append(heading);
  if (status.replies.length === 0) return out.append(paragraph(words.noReplies));
  const when = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  const list = document.createElement('ul');
  list.className = 'replies';
  for (const reply of status.replies) {
    const li = document.createElement('li');
    const time = document.createElement('time');
    time.dateTime = reply.sentAt;
    time.textContent = when.format(new Date(reply.sentAt));
    li.append(time, paragraph(await openReply(secrets.replyKey, reply, status.id)));
    list.append(li);
  }
  out.append(list);
}

element<HTMLFieldSetElement>('help-fields').disabled = false;
element<HTMLFieldSetElement>('check-fields').disabled = false;
element('show-places').addEventListener('click', () => void showPlaces().catch(() => say(words.failed)));
form.addEventListener('change', (event) => {
  if ((event.target as HTMLInputElement).name === 'agency') chooseWho();
});
form.addEventListener('submit', (event) => void send(event));
element('check-form').addEventListener('submit', (event) => void check(event).catch(() => say(words.failed)));
