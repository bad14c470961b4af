import type { Selectable } from 'kysely';
import type { BulletinTable } from '../../db/tables.js';
import { renderMarkdown } from './render.js';

type Bulletin = Selectable<BulletinTable>;
const iso = (at: Date | null) => (at ? new Date(at).toISOString() : null);

export const presentBulletin = (b: Bulletin) => ({
  id: b.id,
  titleEn: b.titleEn,
  titleFr: b.titleFr,
  bodyEn: b.bodyEn,
  bodyFr: b.bodyFr,
  htmlEn: renderMarkdown(b.bodyEn),
  htmlFr: renderMarkdown(b.bodyFr),
  audience: b.audience,
  state: b.state,
  updatedAt: new Date(b.updatedAt).toISOString(),
  revision: b.revision,
  publishedAt: iso(b.publishedAt),
});

export const presentPublic = (b: Bulletin) => {
  const { id, titleEn, titleFr, htmlEn, htmlFr, publishedAt } = presentBulletin(b);
  return { id, titleEn, titleFr, htmlEn, htmlFr, publishedAt };
};
