import type { z } from 'zod';
import type * as schema from '../../../src/modules/cases/schema';
import { api, path, query, upload } from './client';

/** Case records: the server's schemas give every type (`z.output` of what it validates its answers with). */
export type CaseView = z.output<typeof schema.caseView>;
export type CaseSummary = z.output<typeof schema.caseSummary>;
export type CaseContent = z.output<typeof schema.caseContent>;
export type CalendarEntry = z.output<typeof schema.calendarEntry>;
export type Note = z.output<typeof schema.noteView>;
export type CaseDocument = z.output<typeof schema.documentView>;
export type CaseCopy = z.output<typeof schema.caseCopy>;
export type PathwayAssessment = z.output<typeof schema.pathwayAssessment>;
export type PathwayFacts = z.input<typeof schema.pathwayFacts>;
export type CaseChanges = z.input<typeof schema.caseChanges>;
type Lifecycle = z.output<typeof schema.lifecycleResult>;
export type CloseReason = z.input<typeof schema.closeBody>['reason'];

export const listCases = (name?: string) => api<CaseSummary[]>('GET', `/api/cases${query({ name })}`);
export const calendar = (days: number, from?: string) => api<CalendarEntry[]>('GET', `/api/cases/calendar${query({ days, from })}`);
export type FeedView = z.output<typeof schema.feedView>;
export type MadeFeed = z.output<typeof schema.madeFeed>;
export const feedState = () => api<FeedView>('GET', '/api/cases/calendar/feed');
export const makeFeed = (language: 'en' | 'fr') => api<MadeFeed>('POST', '/api/cases/calendar/feed', { language });
export const revokeFeed = () => api<FeedView>('DELETE', '/api/cases/calendar/feed');
export const openCase = (body: z.input<typeof schema.newCase>) => api<{ id: string }>('POST', '/api/cases', body);
export const getCase = (id: string) => api<CaseView>('GET', path`/api/cases/${id}`);
export const changeCase = (id: string, changes: CaseChanges) => api<CaseView>('PATCH', path`/api/cases/${id}`, changes);
export const breakGlass = (id: string, reason: string) =>
  api<{ expiresAt: string }>('POST', path`/api/cases/${id}/break-glass`, { reason });
export const pathways = (id: string) => api<PathwayAssessment>('GET', path`/api/cases/${id}/pathways`);
export const caseCopy = (id: string) => api<CaseCopy>('GET', path`/api/cases/${id}/copy`);
export const closeCase = (id: string, reason: CloseReason) => api<Lifecycle>('POST', path`/api/cases/${id}/close`, { reason });
export const reopenCase = (id: string) => api<Lifecycle>('POST', path`/api/cases/${id}/reopen`, {});
export const eraseCase = (id: string, confirm: string) => api<{ erased: true }>('DELETE', path`/api/cases/${id}`, { confirm });
export const notes = (id: string) => api<Note[]>('GET', path`/api/cases/${id}/notes`);
export const addNote = (id: string, text: string) => api<{ id: string }>('POST', path`/api/cases/${id}/notes`, { text });
export const documents = (id: string) => api<CaseDocument[]>('GET', path`/api/cases/${id}/documents`);
export const documentUrl = (id: string, documentId: string) => path`/api/cases/${id}/documents/${documentId}`;
export const addDocument = (id: string, file: File) =>
  upload<{ id: string }>(`${path`/api/cases/${id}/documents`}${query({ name: file.name })}`, file, 'POST');
export const keepAssessment = (id: string, body: z.input<typeof schema.assessmentBody>) =>
  api<Record<string, unknown>>('POST', path`/api/cases/${id}/assessments`, body);
export type WithdrawalDecision = z.input<typeof schema.withdrawalDecision>;
export const decideWithdrawal = (id: string, body: WithdrawalDecision) =>
  api<CaseView>('POST', path`/api/cases/${id}/consent-withdrawal/decision`, body);
export type Colleague = z.output<typeof schema.colleague>;
export const colleagues = () => api<Colleague[]>('GET', '/api/cases/colleagues');
export const handOver = (id: string, body: z.input<typeof schema.handOverBody>) =>
  api<z.output<typeof schema.handedOver>>('POST', path`/api/cases/${id}/hand-over`, body);
