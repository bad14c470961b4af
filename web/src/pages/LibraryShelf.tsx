import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import vocabularyFile from '../../../data/library/vocabulary.json';
import { failureText } from '../api/client';
import { addResource, attachFile, keptResources, removeResource } from '../api/library';
import { useLoad } from '../api/useLoad';
import { CheckboxGroup, checkbox } from '../components/Fields';
import { Alert, Layout } from '../components/Layout';
import { languages, provinces, type Term, termName } from '../directory/taxonomy';

const { categories, kinds, audiences } = vocabularyFile as { categories: Term[]; kinds: Term[]; audiences: Term[] };
const blank = {
  titleEn: '',
  titleFr: '',
  summaryEn: '',
  summaryFr: '',
  category: 'awareness',
  kind: 'pamphlet',
  audiences: [] as string[],
  languages: [] as string[],
  region: 'CA',
  link: '',
  membersOnly: false,
  ownLanguage: '',
  titleOwn: '',
  summaryOwn: '',
};

/** An admin's shelf: the tools their agency shares, a form to share one more (a link or a file), and removal. */
export function LibraryShelf() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'fr' ? 'fr' : 'en';
  const { data: kept, reload: load } = useLoad(keptResources, []);
  const [form, setForm] = useState(blank);
  const [file, setFile] = useState<File>();
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const set = <K extends keyof typeof blank>(key: K, value: (typeof blank)[K]) => setForm((current) => ({ ...current, [key]: value }));

  async function share(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(undefined);
    setDone(undefined);
    if (!form.link.trim() && !file) {
      setError(t('shelf.needLinkOrFile'));
      return;
    }
    const target = event.currentTarget;
    try {
      const own = form.ownLanguage ? { ownLanguage: form.ownLanguage, titleOwn: form.titleOwn, summaryOwn: form.summaryOwn } : {};
      const { ownLanguage: _l, titleOwn: _t, summaryOwn: _s, ...rest } = form;
      const { id } = await addResource({ ...rest, ...own, link: form.link.trim() || null });
      if (file) await attachFile(id, file);
      setDone(t('shelf.shared', { title: form[lang === 'fr' ? 'titleFr' : 'titleEn'] }));
      setForm(blank);
      setFile(undefined);
      target.reset();
      await load();
    } catch (caught) {
      setError(failureText(caught));
      await load();
    }
  }

  const input = (key: 'titleEn' | 'titleFr' | 'titleOwn' | 'link', required = false) => (
    <div className="field">
      <label htmlFor={`shelf-${key}`}>{t(`shelf.${key}`)}</label>
      <input id={`shelf-${key}`} value={form[key]} required={required} onChange={(event) => set(key, event.target.value)} />
    </div>
  );
  const area = (key: 'summaryEn' | 'summaryFr' | 'summaryOwn') => (
    <div className="field">
      <label htmlFor={`shelf-${key}`}>{t(`shelf.${key}`)}</label>
      <textarea id={`shelf-${key}`} rows={3} value={form[key]} onChange={(event) => set(key, event.target.value)} />
    </div>
  );
  const pick = (key: 'category' | 'kind' | 'region' | 'ownLanguage', terms: Array<{ id: string; label: string }>) => (
    <div className="field">
      <label htmlFor={`shelf-${key}`}>{t(`shelf.${key}`)}</label>
      <select id={`shelf-${key}`} value={form[key]} onChange={(event) => set(key, event.target.value)}>
        {terms.map((term) => (
          <option key={term.id} value={term.id}>
            {term.label}
          </option>
        ))}
      </select>
    </div>
  );
  const many = (key: 'audiences' | 'languages', terms: Term[]) => (
    <CheckboxGroup
      id={`shelf-${key}`}
      legend={t(`shelf.${key}`)}
      terms={terms}
      chosen={form[key]}
      onChange={(chosen) => set(key, chosen)}
    />
  );
  const labelled = (terms: Term[]) => terms.map((term) => ({ id: term.id, label: term[lang] }));

  return (
    <Layout>
      <h1>{t('shelf.title')}</h1>
      <p>
        <Link to="/staff">{t('editor.back')}</Link> · <Link to="/library">{t('shelf.publicPage')}</Link>
      </p>
      <section aria-labelledby="shelf-kept">
        <h2 id="shelf-kept">{t('shelf.kept')}</h2>
        {kept && kept.length === 0 && <p>{t('shelf.none')}</p>}
        <ul className="cards">
          {kept?.map((resource) => (
            <li key={resource.id} className="card">
              <h3>{resource.title[lang]}</h3>
              <p className="muted">
                {termName(kinds, resource.kind, lang)}
                {resource.file ? ` · ${resource.file.name}` : resource.link ? ` · ${resource.link}` : ` · ${t('shelf.nothingToOpen')}`}
                {resource.membersOnly && ` · ${t('library.membersOnly')}`}
              </p>
              <button
                type="button"
                className="secondary"
                onClick={() => void removeResource(resource.id).then(load, (caught) => setError(failureText(caught)))}
              >
                {t('shelf.remove', { title: resource.title[lang] })}
              </button>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="shelf-share">
        <h2 id="shelf-share">{t('shelf.share')}</h2>
        <Alert message={error} />
        <div aria-live="polite">{done && <p className="notice">{done}</p>}</div>
        <form onSubmit={(event) => void share(event)}>
          {input('titleEn', true)}
          {input('titleFr', true)}
          {area('summaryEn')}
          {area('summaryFr')}
          <fieldset>
            <legend>{t('shelf.own')}</legend>
            <p className="muted">{t('shelf.ownExplain')}</p>
            {pick('ownLanguage', [
              { id: '', label: t('shelf.ownNone') },
              ...labelled(languages.filter((language) => language.id !== 'en' && language.id !== 'fr')),
            ])}
            {form.ownLanguage && input('titleOwn', true)}
            {form.ownLanguage && area('summaryOwn')}
          </fieldset>
          {pick('category', labelled(categories))}
          {pick('kind', labelled(kinds))}
          {pick('region', [
            { id: 'CA', label: t('shelf.allCanada') },
            ...provinces.map((code) => ({ id: code, label: t(`directory.provinces.${code}`) })),
          ])}
          {many('audiences', audiences)}
          {many('languages', languages)}
          {input('link')}
          <div className="field">
            <label htmlFor="shelf-file">{t('shelf.file')}</label>
            <input
              id="shelf-file"
              type="file"
              accept=".pdf,.png,.jpg,.jpeg,.mp4,.docx,.pptx,.xlsx,.odt,.odp"
              onChange={(event) => setFile(event.target.files?.[0])}
            />
          </div>
          {checkbox('shelf-membersOnly', t('shelf.membersOnly'), form.membersOnly, (checked) => set('membersOnly', checked))}
          <button type="submit">{t('shelf.submit')}</button>
        </form>
      </section>
    </Layout>
  );
}
