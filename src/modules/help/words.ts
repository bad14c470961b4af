/**
 * The shape of the help form's words (data/help/<code>.json), apart from the loader so the
 * form's script can take its type without any server code.
 */
import { z } from 'zod';

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
