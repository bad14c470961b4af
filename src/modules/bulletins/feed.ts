import { Feed } from 'feed';
import type { Selectable } from 'kysely';
import type { BulletinTable } from '../../db/tables.js';
import type { Deps } from '../../platform/context.js';
import { renderMarkdown } from './render.js';

/** The public bulletins as an Atom 1.0 feed (RFC 4287), one per language. */
export function atomFeed(deps: Deps, bulletins: Array<Selectable<BulletinTable>>, lang: 'en' | 'fr'): string {
  const base = deps.config.HARBOUR_PUBLIC_URL.replace(/\/$/, '');
  const fr = lang === 'fr';
  const newest = bulletins[0]?.publishedAt;
  const feed = new Feed({
    id: `${base}/news?lang=${lang}`,
    title: fr ? 'Harbour — bulletins du réseau' : 'Harbour — network bulletins',
    description: fr
      ? 'Les bulletins publics du réseau canadien contre la traite des personnes'
      : 'The public bulletins of the Canadian anti-trafficking network',
    link: `${base}/news`,
    language: lang,
    updated: newest ? new Date(newest) : new Date(0),
    feedLinks: { atom: `${base}/news.atom?lang=${lang}` },
    author: { name: fr ? 'Le réseau' : 'The network', link: base },
    copyright: fr ? 'Le réseau' : 'The network',
    generator: false,
  });
  for (const bulletin of bulletins) {
    const link = `${base}/news/${bulletin.id}`;
    feed.addItem({
      id: `urn:uuid:${bulletin.id}`,
      title: fr ? bulletin.titleFr : bulletin.titleEn,
      link,
      date: new Date(bulletin.publishedAt ?? bulletin.updatedAt),
      published: new Date(bulletin.publishedAt ?? bulletin.updatedAt),
      content: renderMarkdown(fr ? bulletin.bodyFr : bulletin.bodyEn),
    });
  }
  return feed.atom1();
}
