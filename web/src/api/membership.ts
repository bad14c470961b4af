import type { z } from 'zod';
import type * as schema from '../../../src/modules/membership/schema';
import { api, query } from './client';

/** Applying to join, and the network's review: types from the server's own schemas. */
export type ApplicationBody = z.input<typeof schema.applicationBody>;
export type ApplicationSummary = z.output<typeof schema.applicationSummary>;
export type ApplicationDetail = z.output<typeof schema.applicationDetail>;
export type AnswerView = z.output<typeof schema.answerView>;
type Received = z.output<typeof schema.applicationReceived>;

export const apply = (body: ApplicationBody) => api<Received>('POST', '/api/membership/applications', body);
export const applications = (state: string) => api<ApplicationSummary[]>('GET', `/api/membership/applications${query({ state })}`);
export const application = (id: string) => api<ApplicationDetail>('GET', `/api/membership/applications/${id}`);
export const approve = (id: string, body: z.input<typeof schema.approveBody>) =>
  api<ApplicationDetail>('POST', `/api/membership/applications/${id}/approve`, body);
export const askForMore = (id: string, body: z.input<typeof schema.askBody>) =>
  api<ApplicationDetail>('POST', `/api/membership/applications/${id}/ask`, body);
export const decline = (id: string, body: z.input<typeof schema.declineBody>) =>
  api<ApplicationDetail>('POST', `/api/membership/applications/${id}/decline`, body);
export const question = (token: string) => api<AnswerView>('POST', '/api/membership/answer/question', { token });
export const answer = (token: string, text: string) => api<Received>('POST', '/api/membership/answer', { token, answer: text });
