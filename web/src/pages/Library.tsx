import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import vocabularyFile from '../../../data/library/vocabulary.json';
import { failureText } from '../api/client';
import { type Collection, type LibraryPage, collections as loadCollections, type Resource, searchLibrary } from '../api/library';
import { useLoad } from '../api/useLoad';
import { Pager, ProvinceSelect, SearchStatus } from '../components/Fields';
import { PublicLayout } from '../components/Layout';
import { languages, type Term, termName } from '../directory/taxonomy';

interface Criteria {
  q: string;
  category: string;
  kind: string;
  language: string;
  region: string;
  collection: string;
}

const PAGE_SIZE = 10;
const empty: Criteria = { q: '', category: '', kind: '', language: '', region: '', collection: '' };
const { categories, kinds } = vocabularyFile as { categories: Term[]; kinds: Term[] };

/** The tools library: browse collections, search by words and filters; members also see members-only tools. */
export function Library() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'fr' ? 'fr' : 'en';
  const collections: Collection[] = useLoad(loadCollections, []).data ?? [];
  const [criteria, setCriteria] = useState<Criteria>(empty);
  const [shown, setShown] = useState<Criteria>(empty);
  const [answer, setAnswer] = useState<LibraryPage>();
  const [page, setPage] = useState(1);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const summary = useRef<HTMLHeadingElement>(null);
  const set = <K extends keyof Criteria>(key: K, value: Criteria[K]) => setCriteria((current) => ({ ...current, [key]: value }));

  useEffect(() => {
    if (answer) summary.current?.focus();
  }, [answer]);

  // A link can open one collection (the checklist of a new member opens the start-up toolkit).
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, with the address the page was opened at
  useEffect(() => {
    const opened = new URLSearchParams(window.location.search).get('collection');
    if (opened) void run({ ...empty, collection: opened }, 1);
  }, []);

  async function run(next: Criteria, nextPage: number) {
    setBusy(true);
    setError(undefined);
    const words = Object.fromEntries(Object.entries(next).map(([key, value]) => [key, value.trim()]));
    try {
      setAnswer(await searchLibrary({ ...words, page: nextPage, pageSize: PAGE_SIZE }));
      setShown(next);
      setPage(nextPage);
    } catch (caught) {
      setError(t('library.badInput', { detail: failureText(caught) }));
    } finally {
      setBusy(false);
    }
  }

  const select = (key: 'category' | 'kind' | 'language', label: string, terms: Term[]) => (
    <div className="field">
      <label htmlFor={`library-${key}`}>{label}</label>
      <select id={`library-${key}`} value={criteria[key]} onChange={(event) => set(key, event.target.value)}>
        <option value="">{t('directory.any')}</option>
        {[...terms]
          .sort((a, b) => a[lang].localeCompare(b[lang], lang))
          .map((term) => (
            <option key={term.id} value={term.id}>
              {term[lang]}
            </option>
          ))}
      </select>
    </div>
  );
  const collection = collections.find((c) => c.slug === shown.collection);
  const pages = answer ? Math.max(1, Math.ceil(answer.total / PAGE_SIZE)) : 1;

  return (
    <PublicLayout>
      <h1>{t('library.title')}</h1>
      <p className="lead">{t('library.intro')}</p>
      <search>
        <form
          className="directory-search"
          onSubmit={(event: FormEvent) => {
            event.preventDefault();
            void run({ ...criteria, collection: '' }, 1);
          }}
        >
          <div className="field wide">
            <label htmlFor="library-q">{t('library.what')}</label>
            <input id="library-q" type="search" value={criteria.q} onChange={(event) => set('q', event.target.value)} />
          </div>
          {select('category', t('library.category'), categories)}
          {select('kind', t('library.kind'), kinds)}
          {select('language', t('directory.language'), languages)}
          <ProvinceSelect
            id="library-region"
            label={t('library.region')}
            value={criteria.region}
            first={{ value: '', label: t('directory.any') }}
            onChange={(code) => set('region', code)}
          />
          <button type="submit" disabled={busy}>
            {t('library.search')}
          </button>
        </form>
      </search>
      <SearchStatus error={error} busy={busy} />
      {answer && (
        <section aria-labelledby="library-results">
          <h2 id="library-results" ref={summary} tabIndex={-1}>
            {collection ? `${collection.title[lang]} — ` : ''}
            {t('library.results', { count: answer.total })}
          </h2>
          {answer.total === 0 ? <p>{t('library.none')}</p> : <ResourceList resources={answer.results} />}
          <Pager page={page} pages={pages} busy={busy} onPage={(next) => void run(shown, next)} />
        </section>
      )}
      {/* After the search, so the collections arriving a moment later move nothing a person is reading or pointing at. */}
      {collections.length > 0 && (
        <section aria-labelledby="collections-title">
          <h2 id="collections-title">{t('library.collections')}</h2>
          <ul className="results">
            {collections.map((c) => (
              <li key={c.slug} className="card">
                <h3>{c.title[lang]}</h3>
                {c.description[lang] && <p>{c.description[lang]}</p>}
                <button type="button" className="secondary" onClick={() => void run({ ...empty, collection: c.slug }, 1)}>
                  {t('library.openCollection', { title: c.title[lang], count: c.count })}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </PublicLayout>
  );
}

function ResourceList({ resources }: { resources: Resource[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'fr' ? 'fr' : 'en';
  const size = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 2 ** 20).toFixed(1)} MB`);
  return (
    <ol className="results">
      {resources.map((resource) => {
        const title = resource.title[lang];
        return (
          <li key={resource.id} className="card">
            <h3>{title}</h3>
            {resource.own && (
              <p lang={resource.own.language}>
                <strong>{resource.own.title}</strong>
                {resource.own.summary && ` — ${resource.own.summary}`}
              </p>
            )}
            <p className="muted">
              {termName(kinds, resource.kind, lang)} · {termName(categories, resource.category, lang)}
              {resource.agency && ` · ${resource.agency}`}
            </p>
            {resource.summary[lang] && <p>{resource.summary[lang]}</p>}
            {resource.languages.length > 0 && (
              <p>{t('directory.languages', { list: resource.languages.map((id) => termName(languages, id, lang)).join(', ') })}</p>
            )}
            {resource.membersOnly && (
              <ul className="badges">
                <li>{t('library.membersOnly')}</li>
              </ul>
            )}
            <p>
              {resource.link?.startsWith('/') && <Link to={resource.link}>{t('library.open', { title })}</Link>}
              {resource.link && !resource.link.startsWith('/') && (
                <a href={resource.link} rel="noopener noreferrer">
                  {t('library.openExternal', { title })}
                </a>
              )}
              {resource.file && (
                <a href={resource.file.url} download={resource.file.name}>
                  {t('library.download', {
                    title,
                    type: resource.file.name.split('.').pop()?.toUpperCase(),
                    size: size(resource.file.size),
                  })}
                </a>
              )}
            </p>
          </li>
        );
      })}
    </ol>
  );
}
