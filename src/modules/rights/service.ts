import { auditOf } from '../../platform/audit.js';
import { type Deps, unitOfWork } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { type AccountActor, authorize } from '../../platform/policy.js';
import { HELP_FORM, type Language, pageKey, type RightsContent, rightsContent, type UiWords } from './content.js';
import { type ReviewState, renderIndex, renderPage } from './render.js';
import * as repo from './repo.js';

/**
 * The language to show a visitor who named none: the first of the browser's languages (by its
 * weights) that the rights pages have, matching on the main subtag (es-MX → es); else English.
 */
export function negotiate(header: string | undefined, languages: Language[]): string {
  const codes = languages.map((language) => language.code);
  const wanted = (header ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? '1',
      );
      return { tag: tag.toLowerCase(), q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((entry) => entry.tag && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of wanted) {
    const exact = codes.find((code) => code.toLowerCase() === tag);
    if (exact) return exact;
    const main = codes.find((code) => code.toLowerCase().split('-')[0] === tag.split('-')[0]);
    if (main) return main;
  }
  return codes.includes('en') ? 'en' : (codes[0] as string);
}

const stateOf = (
  language: Language,
  review: { contentHash: string; reviewer: string; reviewedOn: string } | undefined,
  hash: string,
): ReviewState => {
  if (language.original) return { kind: 'original' };
  if (!review) return { kind: 'draft' };
  return review.contentHash === hash ? { kind: 'reviewed', reviewer: review.reviewer, on: review.reviewedOn } : { kind: 'changed' };
};

const audit = auditOf('rights_page');
const uiOf = (content: RightsContent, code: string) => content.ui.get(code) as UiWords;

function languageOf(content: RightsContent, code: string) {
  const language = content.languages.find((l) => l.code === code);
  if (!language) throw new AppError('not_found', `no rights pages in ${code}`);
  return language;
}

export async function rightsIndex(code: string, content = rightsContent()) {
  const language = languageOf(content, code);
  const pages = content.topics.flatMap((topic) => content.pages.get(pageKey(code, topic)) ?? []);
  return renderIndex({ language, languages: content.languages, ui: uiOf(content, code), pages });
}

export async function rightsPage(deps: Deps, code: string, topic: string, content = rightsContent()) {
  const language = languageOf(content, code);
  const page = content.pages.get(pageKey(code, topic));
  if (!page) throw new AppError('not_found', `no rights page ${topic}`);
  const review = language.original ? undefined : await repo.latestReview(deps.kysely, code, topic);
  return renderPage({
    page,
    language,
    languages: content.languages,
    ui: uiOf(content, code),
    titles: content.topics.map((t) => ({ topic: t, title: content.pages.get(pageKey(code, t))?.title ?? t })),
    state: stateOf(language, review, page.contentHash),
    publicUrl: deps.config.HARBOUR_PUBLIC_URL,
  });
}

type Review = { contentHash: string; reviewer: string; reviewedOn: string };

/** What a review is of: a rights page, or the help form's words. */
const reviewed = (content: RightsContent, code: string, topic: string) =>
  content.pages.get(pageKey(code, topic)) ?? content.forms.get(pageKey(code, topic));
const reviewedTopics = (content: RightsContent, code: string) => [
  ...content.topics,
  ...(content.forms.has(pageKey(code, HELP_FORM)) ? [HELP_FORM] : []),
];

/** Where the translation of a text stands (a rights page, or the help form's words), for the page that shows it. */
export async function translationState(deps: Deps, code: string, topic: string, content = rightsContent()): Promise<ReviewState> {
  const language = languageOf(content, code);
  const text = reviewed(content, code, topic);
  if (!text) throw new AppError('not_found', `no text ${topic} in ${code}`);
  const review = language.original ? undefined : await repo.latestReview(deps.kysely, code, topic);
  return stateOf(language, review, text.contentHash);
}

/** One page in one language, with where its translation stands. */
function pageState(content: RightsContent, language: Language, topic: string, review: Review | undefined) {
  const page = reviewed(content, language.code, topic);
  return {
    language: language.code,
    autonym: language.autonym,
    topic,
    title: page?.title ?? topic,
    state: stateOf(language, review, page?.contentHash ?? '').kind,
    reviewer: review?.reviewer ?? null,
    reviewedOn: review?.reviewedOn ?? null,
  };
}

/** Every page with where its translation stands: for the network admin recording reviews. */
export async function reviewStates(deps: Deps, actor: AccountActor, content = rightsContent()) {
  authorize(actor, 'rights.review');
  const reviews = await repo.latestReviews(deps.kysely);
  return content.languages.flatMap((language) =>
    reviewedTopics(content, language.code).map((topic) =>
      pageState(
        content,
        language,
        topic,
        reviews.find((r) => r.language === language.code && r.topic === topic),
      ),
    ),
  );
}

/** A network admin records that a native speaker checked a translation, for its current text. */
export async function recordReview(
  deps: Deps,
  actor: AccountActor,
  input: { language: string; topic: string; reviewer: string; reviewedOn: string },
  content = rightsContent(),
) {
  authorize(actor, 'rights.review');
  const language = content.languages.find((l) => l.code === input.language);
  if (!language) throw new AppError('bad_request', `language: no rights pages in ${input.language}`);
  if (language.original) throw new AppError('bad_request', `language: ${language.autonym} is the network's own text, not a translation`);
  const page = reviewed(content, input.language, input.topic);
  if (!page) throw new AppError('bad_request', `topic: no rights page ${input.topic}`);
  if (input.reviewedOn > deps.now().toISOString().slice(0, 10)) throw new AppError('bad_request', 'reviewedOn: not in the future');
  const review = { contentHash: page.contentHash, reviewer: input.reviewer, reviewedOn: input.reviewedOn };
  await unitOfWork(deps, async (tx) => {
    await repo.insertReview(tx.kysely, { ...input, contentHash: page.contentHash, recordedBy: actor.accountId });
    await audit(tx, actor, 'rights.review', pageKey(input.language, input.topic), { reviewedOn: input.reviewedOn });
  });
  return pageState(content, language, input.topic, review);
}
