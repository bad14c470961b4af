import { z } from 'zod';
import { bulletinAudiences } from '../../db/tables.js';

export { idParams } from '../../platform/schema.js';

const title = (what: string) =>
  z
    .string({ message: `${what} is required` })
    .trim()
    .min(3, 'at least 3 characters')
    .max(200, 'at most 200 characters');
const body = (what: string) =>
  z
    .string({ message: `${what} is required` })
    .trim()
    .min(10, 'at least 10 characters')
    .max(50_000, 'at most 50,000 characters');

export const bulletinBody = z.object({
  titleEn: title('an English title'),
  titleFr: title('a French title'),
  bodyEn: body('the English text').describe('Markdown: headings, lists, links, emphasis; no HTML, no images'),
  bodyFr: body('the French text'),
  audience: z.enum(bulletinAudiences, { message: 'members or public' }),
});

const was = z
  .number({ message: 'the revision you saw' })
  .int()
  .min(1)
  .describe('the revision you saw: a save made meanwhile is not overwritten');
/** A draft's new words, and the revision the editor saw. */
export const bulletinChanges = bulletinBody.extend({ was });
export const publishBody = z.object({ was });
export const previewBody = z.object({ markdown: z.string().max(50_000) });

export const bulletinView = z.object({
  id: z.string().uuid(),
  titleEn: z.string(),
  titleFr: z.string(),
  bodyEn: z.string().describe('the Markdown'),
  bodyFr: z.string(),
  htmlEn: z.string().describe('the Markdown made safe HTML'),
  htmlFr: z.string(),
  audience: z.enum(bulletinAudiences),
  state: z.enum(['draft', 'published']),
  updatedAt: z.string(),
  revision: z.number(),
  publishedAt: z.string().nullable(),
});

/** What the public reads of a public bulletin. */
export const publicBulletin = bulletinView.pick({ id: true, titleEn: true, titleFr: true, htmlEn: true, htmlFr: true, publishedAt: true });

export const feedQuery = z.object({ lang: z.enum(['en', 'fr'], { message: 'en or fr' }).default('en') });

/** Whether a member gets the email edition of each bulletin. */
export const mailChoice = z.object({ byEmail: z.boolean() });
