import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { failureText } from '../api/client';
import {
  type CollectionDetail,
  collection as loadCollection,
  collections as loadCollections,
  type Resource,
  searchLibrary,
  setCollectionItems,
  startCollection,
} from '../api/library';
import { useLoad } from '../api/useLoad';
import { field } from '../components/Fields';
import { Alert, Layout } from '../components/Layout';

/**
 * For network admins: the library's collections — the start-up toolkit first — curated here: add
 * a tool found by search, move it up or down, take it out, and save the order; or start a new
 * collection.
 */
export function Collections() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'fr' ? 'fr' : 'en';
  const { data: list, reload: reloadList } = useLoad(loadCollections, []);
  const [slug, setSlug] = useState('');
  const [detail, setDetail] = useState<CollectionDetail>();
  const [items, setItems] = useState<Resource[]>([]);
  const [found, setFound] = useState<Resource[]>([]);
  const [words, setWords] = useState('');
  const [message, setMessage] = useState<{ error?: string; done?: string }>({});
  const [draft, setDraft] = useState({ slug: '', titleEn: '', titleFr: '' });
  const chosen = slug || list?.[0]?.slug || '';

  useEffect(() => {
    if (!chosen) return;
    loadCollection(chosen).then(
      (answer) => {
        setDetail(answer);
        setItems(answer.resources);
      },
      (caught) => setMessage({ error: failureText(caught) }),
    );
  }, [chosen]);

  const move = (index: number, by: number) => {
    const next = [...items];
    const [item] = next.splice(index, 1);
    if (item) next.splice(index + by, 0, item);
    setItems(next);
  };
  const failed = (caught: unknown) => setMessage({ error: failureText(caught) });

  return (
    <Layout>
      <h1>{t('collections.title')}</h1>
      <p>
        <Link to="/staff">{t('editor.back')}</Link> · <Link to="/library">{t('collections.open')}</Link>
      </p>
      <p>{t('collections.explain')}</p>
      <Alert message={message.error} />
      <div aria-live="polite">{message.done && <p className="notice">{message.done}</p>}</div>
      {field(
        'collection-choice',
        t('collections.choose'),
        <select id="collection-choice" value={chosen} onChange={(event) => setSlug(event.target.value)}>
          {list?.map((c) => (
            <option key={c.slug} value={c.slug}>
              {c.title[lang]} ({c.count})
            </option>
          ))}
        </select>,
      )}
      {detail && (
        <section aria-labelledby="collection-items">
          <h2 id="collection-items">{t('collections.holds', { title: detail.title[lang] })}</h2>
          {items.length === 0 && <p>{t('collections.empty')}</p>}
          <ol className="cards">
            {items.map((item, index) => (
              <li key={item.id} className="card">
                <h3>{item.title[lang]}</h3>
                <p className="actions">
                  <button type="button" className="secondary" disabled={index === 0} onClick={() => move(index, -1)}>
                    {t('collections.up', { title: item.title[lang] })}
                  </button>
                  <button type="button" className="secondary" disabled={index === items.length - 1} onClick={() => move(index, 1)}>
                    {t('collections.down', { title: item.title[lang] })}
                  </button>
                  <button type="button" className="secondary" onClick={() => setItems(items.filter((other) => other.id !== item.id))}>
                    {t('collections.remove', { title: item.title[lang] })}
                  </button>
                </p>
              </li>
            ))}
          </ol>
          <p>
            <button
              type="button"
              onClick={() =>
                setCollectionItems(
                  chosen,
                  items.map((item) => item.id),
                ).then(async (saved) => {
                  setDetail(saved);
                  setItems(saved.resources);
                  await reloadList();
                  setMessage({ done: t('collections.saved', { title: saved.title[lang] }) });
                }, failed)
              }
            >
              {t('collections.save')}
            </button>
          </p>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              searchLibrary({ q: words, pageSize: 10 }).then((page) => setFound(page.results), failed);
            }}
          >
            <h2>{t('collections.add')}</h2>
            {field(
              'collection-search',
              t('collections.search'),
              <input id="collection-search" value={words} onChange={(event) => setWords(event.target.value)} />,
            )}
            <p>
              <button type="submit" className="secondary">
                {t('collections.find')}
              </button>
            </p>
          </form>
          <ul>
            {found
              .filter((resource) => !items.some((item) => item.id === resource.id))
              .map((resource) => (
                <li key={resource.id}>
                  {resource.title[lang]}{' '}
                  <button type="button" className="secondary" onClick={() => setItems([...items, resource])}>
                    {t('collections.addOne', { title: resource.title[lang] })}
                  </button>
                </li>
              ))}
          </ul>
        </section>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          startCollection(draft).then(async () => {
            await reloadList();
            setSlug(draft.slug);
            setMessage({ done: t('collections.started', { title: lang === 'fr' ? draft.titleFr : draft.titleEn }) });
            setDraft({ slug: '', titleEn: '', titleFr: '' });
          }, failed);
        }}
      >
        <h2>{t('collections.start')}</h2>
        {field(
          'new-slug',
          t('collections.slug'),
          <input id="new-slug" value={draft.slug} onChange={(event) => setDraft({ ...draft, slug: event.target.value })} />,
        )}
        {field(
          'new-title-en',
          t('collections.titleEn'),
          <input id="new-title-en" value={draft.titleEn} onChange={(event) => setDraft({ ...draft, titleEn: event.target.value })} />,
        )}
        {field(
          'new-title-fr',
          t('collections.titleFr'),
          <input id="new-title-fr" value={draft.titleFr} onChange={(event) => setDraft({ ...draft, titleFr: event.target.value })} />,
        )}
        <p>
          <button type="submit">{t('collections.startButton')}</button>
        </p>
      </form>
    </Layout>
  );
}
