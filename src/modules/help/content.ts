/**
 * The help form's words, one file per language of the rights pages (data/help/<code>.json),
 * read and checked once: a file that does not fit names the file and the field.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../../platform/project.js';
import { rightsContent } from '../rights/index.js';

const words = z.string().trim().min(1, 'required');
/** The plain-words needs a person picks, each the directory's kind of help it searches for. */
export const needs = [
  'safe-housing',
  'legal-aid',
  'immigration-legal-help',
  'health',
  'mental-health',
  'labour-rights',
  'interpretation',
  'victim-services',
] as const;

export const helpWords = z.object({
  title: words,
  intro: words,
  noScript: words,
  needsTitle: words,
  needs: z.object(Object.fromEntries(needs.map((need) => [need, words])) as Record<(typeof needs)[number], typeof words>),
  whereTitle: words,
  province: words,
  anyProvince: words,
  place: words,
  showPlaces: words,
  placesTitle: words,
  noPlaces: words,
  whoTitle: words,
  networkChooses: words,
  noContact: words,
  noContactDone: words,
  noAgencies: words,
  contactTitle: words,
  channel: words,
  channels: z.object({ phone: words, text: words, email: words }),
  reachAt: words,
  safeTimes: words,
  leaveMessage: words,
  yes: words,
  no: words,
  codeWord: words,
  codeWordHint: words,
  name: words,
  message: words,
  send: words,
  working: words,
  sentTitle: words,
  receiptIntro: words,
  receiptKeep: words,
  checkTitle: words,
  receipt: words,
  check: words,
  states: z.object({ waiting: words, accepted: words.includes('{agency}', { message: 'must name {agency}' }), closed: words }),
  replies: words,
  noReplies: words,
  notFound: words,
  failed: words,
  required: words.includes('{field}', { message: 'must name {field}' }),
});
export type HelpWords = z.infer<typeof helpWords>;

export function loadHelpWords(dir = path.join(projectRoot(), 'data', 'help')): Map<string, HelpWords> {
  const all = new Map<string, HelpWords>();
  for (const language of rightsContent().languages) {
    const file = path.join(dir, `${language.code}.json`);
    if (!fs.existsSync(file)) throw new Error(`${path.relative(projectRoot(), file)}: missing (every language of the rights pages has the help form)`);
    const parsed = helpWords.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${path.relative(projectRoot(), file)}: ${issue?.path.join('.') || '(file)'}: ${issue?.message}`);
    }
    all.set(language.code, parsed.data);
  }
  return all;
}

let loaded: Map<string, HelpWords> | undefined;
export function helpContent(): Map<string, HelpWords> {
  loaded ??= loadHelpWords();
  return loaded;
}
