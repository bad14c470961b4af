/**
 * The rights pages' words, as data: data/rights/topics.json (the topics, in order, each with its
 * sources), languages.json (each language named in itself, its direction, and whether its text is
 * the network's own or a translation) and one file per language and topic. Read and checked once;
 * a file that does not fit says which file and which field.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../../platform/project.js';
import { fonts } from './fonts.js';

const words = z.string().trim().min(1, 'required');
const topicsFile = z.object({ topics: z.array(z.object({ id: z.string().regex(/^[a-z-]+$/), sources: z.array(words).min(1) })).min(1) });
const languagesFile = z.object({
  languages: z
    .array(
      z.object({
        code: z.string().regex(/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/),
        autonym: words,
        dir: z.enum(['ltr', 'rtl']),
        original: z.boolean(),
        font: z.enum(fonts),
      }),
    )
    .min(1),
});
export const uiWords = z.object({
  site: words,
  quickExit: words,
  quickExitHint: words,
  skip: words,
  indexTitle: words,
  indexIntro: words,
  languages: words,
  topics: words,
  draft: words,
  changedSinceReview: words,
  reviewed: words,
  sources: words,
  confirm: words,
  danger: words,
  hotline: words,
  directory: words,
  helpForm: words,
  qr: words,
  print: words,
});
const page = z.object({
  title: words,
  summary: words,
  sections: z.array(z.object({ heading: words, text: z.array(words).min(1) })).min(1),
});

export type Language = z.infer<typeof languagesFile>['languages'][number];
export type UiWords = z.infer<typeof uiWords>;
export interface RightsPage extends z.infer<typeof page> {
  topic: string;
  language: string;
  sources: string[];
  /** Changes with the text: a review counts only for the text it was made of. */
  contentHash: string;
}
/** A text reviewed like a page though it is not one: the help form's words (data/help/<code>.json). */
export interface ReviewedText {
  title: string;
  contentHash: string;
}
export const HELP_FORM = 'help-form';

export interface RightsContent {
  languages: Language[];
  topics: string[];
  ui: Map<string, UiWords>;
  pages: Map<string, RightsPage>;
  /** By pageKey(language, HELP_FORM): the help form's words, for the record of reviews. */
  forms: Map<string, ReviewedText>;
}

function readJson<T>(file: string, schema: z.ZodType<T>): { value: T; text: string } {
  const text = fs.readFileSync(file, 'utf8');
  const parsed = schema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${path.relative(projectRoot(), file)}: ${issue?.path.join('.') || '(file)'}: ${issue?.message}`);
  }
  return { value: parsed.data, text };
}

export const pageKey = (language: string, topic: string) => `${language}/${topic}`;

/** Every language has its words for the page frame and every topic; a missing file is named. */
export function loadRights(dir = path.join(projectRoot(), 'data', 'rights')): RightsContent {
  const { topics } = readJson(path.join(dir, 'topics.json'), topicsFile).value;
  const { languages } = readJson(path.join(dir, 'languages.json'), languagesFile).value;
  const ui = new Map<string, UiWords>();
  const pages = new Map<string, RightsPage>();
  const forms = new Map<string, ReviewedText>();
  for (const language of languages) {
    // The help module checks these words in full; here only their title and hash are kept.
    const form = path.join(dir, '..', 'help', `${language.code}.json`);
    if (fs.existsSync(form)) {
      const { value, text } = readJson(form, z.object({ title: words }));
      forms.set(pageKey(language.code, HELP_FORM), { title: value.title, contentHash: createHash('sha256').update(text).digest('hex') });
    }
    ui.set(language.code, readJson(path.join(dir, language.code, 'ui.json'), uiWords).value);
    for (const topic of topics) {
      const { value, text } = readJson(path.join(dir, language.code, `${topic.id}.json`), page);
      pages.set(pageKey(language.code, topic.id), {
        ...value,
        topic: topic.id,
        language: language.code,
        sources: topic.sources,
        contentHash: createHash('sha256').update(text).digest('hex'),
      });
    }
  }
  return { languages, topics: topics.map((topic) => topic.id), ui, pages, forms };
}

let loaded: RightsContent | undefined;
export function rightsContent(): RightsContent {
  loaded ??= loadRights();
  return loaded;
}
