import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { ApiError, failureText } from '../api/client';
import { search } from '../api/directory';
import { Pager, SearchStatus } from '../components/Fields';
import { PublicLayout } from '../components/Layout';
import { emptyCriteria, searchParams } from '../directory/query';
import { ResultList } from '../directory/ResultList';
import { SearchForm } from '../directory/SearchForm';
import type { Criteria, SearchAnswer } from '../directory/types';

const PAGE_SIZE = 10;

/**
 * The public directory search. What a person searched for stays out of the address bar and the
 * history: criteria live in memory, and links from the identification aid pass the category (and
 * the place, when the worker gave one) as navigation state rather than in the URL.
 */
export function Directory() {
  const { t } = useTranslation();
  const location = useLocation();
  const carried = location.state as { category?: string; near?: string } | null;
  const fromLink = carried?.category;
  const initial: Criteria = {
    ...emptyCriteria,
    ...(fromLink ? { category: fromLink } : {}),
    ...(fromLink && carried?.near ? { near: carried.near } : {}),
  };
  const [answer, setAnswer] = useState<SearchAnswer>();
  const [criteria, setCriteria] = useState<Criteria>(initial);
  const [page, setPage] = useState(1);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const summary = useRef<HTMLHeadingElement>(null);

  async function run(next: Criteria, nextPage: number) {
    setBusy(true);
    setError(undefined);
    const params = searchParams(next, nextPage, PAGE_SIZE);
    try {
      setAnswer(await search(params));
      setCriteria(next);
      setPage(nextPage);
    } catch (caught) {
      const message = caught instanceof ApiError ? caught.message : '';
      setError(message.startsWith('near:') ? t('directory.nearUnknown') : t('directory.badInput', { detail: failureText(caught) }));
    } finally {
      setBusy(false);
    }
  }

  // Arriving from a remedy's link: show that category (near the place given) straight away.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once, for the category the link carried
  useEffect(() => {
    if (fromLink) void run(initial, 1);
  }, []);

  // Each answer moves the focus to its summary, so keyboard and screen-reader users land on it.
  useEffect(() => {
    if (answer) summary.current?.focus();
  }, [answer]);

  const pages = answer ? Math.max(1, Math.ceil(answer.total / PAGE_SIZE)) : 1;
  return (
    <PublicLayout>
      <h1>{t('directory.title')}</h1>
      <p className="lead">{t('directory.intro')}</p>
      <SearchForm initial={initial} busy={busy} onSearch={(next) => void run(next, 1)} />
      <SearchStatus error={error} busy={busy} />
      {answer && (
        <section aria-labelledby="results-title">
          <h2 id="results-title" ref={summary} tabIndex={-1}>
            {t('directory.results', { count: answer.total })}
          </h2>
          {answer.total === 0 ? <p>{t('directory.none')}</p> : <ResultList results={answer.results} />}
          <Pager page={page} pages={pages} busy={busy} onPage={(next) => void run(criteria, next)} />
        </section>
      )}
    </PublicLayout>
  );
}
