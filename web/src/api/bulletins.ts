import type { z } from 'zod';
import type * as schema from '../../../src/modules/bulletins/schema';
import { api } from './client';

/** The network's bulletins: types from the server's own schemas. */
export type Bulletin = z.output<typeof schema.bulletinView>;
export type PublicBulletin = z.output<typeof schema.publicBulletin>;
export type BulletinBody = z.input<typeof schema.bulletinBody>;
export type MailChoice = z.output<typeof schema.mailChoice>;

export const bulletins = () => api<Bulletin[]>('GET', '/api/bulletins');
export const bulletin = (id: string) => api<Bulletin>('GET', `/api/bulletins/${id}`);
export const writeDraft = (body: BulletinBody) => api<Bulletin>('POST', '/api/bulletins', body);
export const changeDraft = (id: string, body: BulletinBody & { was: number }) => api<Bulletin>('PUT', `/api/bulletins/${id}`, body);
export const publish = (id: string, was: number) => api<Bulletin>('POST', `/api/bulletins/${id}/publish`, { was });
export const preview = (markdown: string) => api<{ html: string }>('POST', '/api/bulletins/preview', { markdown });
export const publicBulletins = () => api<PublicBulletin[]>('GET', '/api/public/bulletins');
export const publicBulletin = (id: string) => api<PublicBulletin>('GET', `/api/public/bulletins/${id}`);
export const mailChoice = () => api<MailChoice>('GET', '/api/bulletins/mail');
export const chooseMail = (byEmail: boolean) => api<MailChoice>('PUT', '/api/bulletins/mail', { byEmail });
