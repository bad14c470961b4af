import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type PublicBulletin, publicBulletin, publicBulletins } from '../api/bulletins';
import { useLoad } from '../api/useLoad';
import { Alert, PublicLayout } from '../components/Layout';
import { longDay } from '../i18n';

type Lang = 'en' | 'fr';

/** A bulletin's text: HTML the server made from Markdown with raw HTML, images and script links taken out. */
export function BulletinText({ html }: { html: string }) {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: made safe on the server (bulletins/render.ts), never the writer's HTML
  return <div className="bulletin" dangerouslySetInnerHTML={{ __html: html }} />;
}

function Article({ bulletin, lang, heading }: { bulletin: PublicBulletin; lang: Lang; heading: 'h1' | 'h2' }) {
  const { i18n } = useTranslation();
  const Title = heading;
  return (
    <article>
      <Title>
        {heading === 'h2' ? (
          <Link to={`/news/${bulletin.id}`}>{lang === 'fr' ? bulletin.titleFr : bulletin.titleEn}</Link>
        ) : lang === 'fr' ? (
          bulletin.titleFr
        ) : (
          bulletin.titleEn
        )}
      </Title>
      {bulletin.publishedAt && <p className="muted">{longDay(bulletin.publishedAt, i18n.language)}</p>}
      <BulletinText html={lang === 'fr' ? bulletin.htmlFr : bulletin.htmlEn} />
    </article>
  );
}

/** The network's public bulletins, newest first, with their Atom feed. */
export function News() {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'fr' ? 'fr' : 'en';
  const { data, error } = useLoad(publicBulletins, []);
  return (
    <PublicLayout>
      <h1>{t('news.title')}</h1>
      <p>
        {t('news.intro')}{' '}
        <a href={`/news.atom?lang=${lang}`} type="application/atom+xml">
          {t('news.feed')}
        </a>
      </p>
      <Alert message={error} />
      {data?.length === 0 && <p>{t('news.none')}</p>}
      {data?.map((b) => (
        <Article key={b.id} bulletin={b} lang={lang} heading="h2" />
      ))}
    </PublicLayout>
  );
}

export function NewsItem() {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'fr' ? 'fr' : 'en';
  const { id = '' } = useParams();
  const { data, error } = useLoad(() => publicBulletin(id), [id]);
  return (
    <PublicLayout>
      <p>
        <Link to="/news">{t('news.all')}</Link>
      </p>
      <Alert message={error} />
      {data && <Article bulletin={data} lang={lang} heading="h1" />}
    </PublicLayout>
  );
}
