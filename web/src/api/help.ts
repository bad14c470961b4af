import type { z } from 'zod';
import type * as schema from '../../../src/modules/help/schema';
import { api } from './client';

/** The help inbox and its keys: types from the server's schemas. */
export type Inbox = 'agency' | 'network';
export type InboxKeys = z.output<typeof schema.inboxKeys>;
export type InboxItem = z.output<typeof schema.inboxItem>;
export type IntakeDirectory = z.output<typeof schema.intakeDirectory>;
export type StaffKey = z.output<typeof schema.staffKey>['key'];

export const myKey = () => api<{ key: StaffKey }>('GET', '/api/help/my-key').then((answer) => answer.key);
export const setMyKey = (body: z.input<typeof schema.staffKeyBody>) => api<{ key: StaffKey }>('PUT', '/api/help/my-key', body);
export const inboxKeys = (inbox: Inbox) => api<InboxKeys>('GET', `/api/help/keys?inbox=${inbox}`);
export const createIntakeKey = (body: z.input<typeof schema.intakeKeyBody>) => api<InboxKeys>('POST', '/api/help/keys', body);
export const shareIntakeKey = (keyId: string, inbox: Inbox, body: z.input<typeof schema.shareBody>) =>
  api<InboxKeys>('POST', `/api/help/keys/${keyId}/shares?inbox=${inbox}`, body);
export const inboxItems = (inbox: Inbox) => api<InboxItem[]>('GET', `/api/help/inbox?inbox=${inbox}`);
export const actOn = (id: string, inbox: Inbox, action: 'accept' | 'decline' | 'close') =>
  api<null>('POST', `/api/help/inbox/${id}/action`, { inbox, action });
export const sendReply = (id: string, inbox: Inbox, sealed: { iv: string; ciphertext: string }) =>
  api<null>('POST', `/api/help/inbox/${id}/replies`, { inbox, ...sealed });
export const intakeAgencies = () => api<IntakeDirectory>('GET', '/api/help/intake').then((answer) => answer.agencies);
export const forwardRequest = (id: string, body: z.input<typeof schema.forwardBody>) =>
  api<null>('POST', `/api/help/inbox/${id}/forward`, body);
