import { z } from 'zod';
import { isoDate } from '../../platform/schema.js';

export const pageParams = z.object({ language: z.string().max(20), topic: z.string().max(60) });
export const languageParams = z.object({ language: z.string().max(20) });

export const reviewBody = z.object({
  language: z.string().trim().min(2, 'a language code of the rights pages').max(20),
  topic: z.string().trim().min(1, 'a topic of the rights pages').max(60),
  reviewer: z.string().trim().min(2, 'the name of the native speaker who checked it').max(200),
  reviewedOn: isoDate,
});

export const pageState = z.object({
  language: z.string(),
  autonym: z.string(),
  topic: z.string(),
  title: z.string(),
  state: z.enum(['original', 'reviewed', 'changed', 'draft']).describe('changed: checked once, but the text changed since'),
  reviewer: z.string().nullable(),
  reviewedOn: z.string().nullable(),
});
