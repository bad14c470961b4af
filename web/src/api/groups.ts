import type { z } from 'zod';
import type * as schema from '../../../src/modules/groups/schema';
import { api } from './client';

/** Working groups and their meetings: types from the server's own schemas. */
export type GroupSummary = z.output<typeof schema.groupSummary>;
export type GroupDetail = z.output<typeof schema.groupDetail>;
export type MeetingDetail = z.output<typeof schema.meetingDetail>;
export type NewGroup = z.input<typeof schema.newGroup>;
export type NewMeeting = z.input<typeof schema.newMeeting>;
export type Answer = z.input<typeof schema.rsvpBody>['answer'];
export type FeedMade = z.output<typeof schema.feedMade>;
export { canadianTimeZones } from '../../../src/platform/zones';

export const groups = () => api<GroupSummary[]>('GET', '/api/groups');
export const group = (id: string) => api<GroupDetail>('GET', `/api/groups/${id}`);
export const startGroup = (body: NewGroup) => api<GroupDetail>('POST', '/api/groups', body);
export const join = (id: string) => api<GroupDetail>('POST', `/api/groups/${id}/membership`);
export const endGroup = (id: string) => api<GroupDetail>('POST', `/api/groups/${id}/end`);
export const leave = (id: string) => api<GroupDetail>('DELETE', `/api/groups/${id}/membership`);
export const setRole = (id: string, accountId: string, role: 'member' | 'coordinator') =>
  api<GroupDetail>('PUT', `/api/groups/${id}/people/${accountId}`, { role });
export const schedule = (groupId: string, body: NewMeeting) => api<MeetingDetail>('POST', `/api/groups/${groupId}/meetings`, body);
export const meeting = (id: string) => api<MeetingDetail>('GET', `/api/meetings/${id}`);
export const answer = (id: string, value: Answer) => api<MeetingDetail>('PUT', `/api/meetings/${id}/answer`, { answer: value });
export type MoveBody = z.input<typeof schema.moveBody>;
export const moveMeeting = (id: string, body: MoveBody) => api<MeetingDetail>('PUT', `/api/meetings/${id}/time`, body);
export const cancelMeeting = (id: string, reason: string) => api<MeetingDetail>('POST', `/api/meetings/${id}/cancel`, { reason });
export const writeMinutes = (id: string, minutes: string, was: string) =>
  api<MeetingDetail>('PUT', `/api/meetings/${id}/minutes`, { minutes, was });
export const addAction = (id: string, body: { text: string; ownerId?: string; due?: string }) =>
  api<MeetingDetail>('POST', `/api/meetings/${id}/actions`, body);
export const actionDone = (id: string, actionId: string) => api<MeetingDetail>('POST', `/api/meetings/${id}/actions/${actionId}/done`);
export const makeFeed = () => api<FeedMade>('POST', '/api/meetings/feed');

export type ThreadSummary = z.output<typeof schema.threadSummary>;
export type ThreadDetail = z.output<typeof schema.threadDetail>;
export type Delivery = z.output<typeof schema.deliveryBody>['delivery'];
export type HeldMail = z.output<typeof schema.heldView>;
export const threads = (groupId: string) => api<ThreadSummary[]>('GET', `/api/groups/${groupId}/threads`);
export const thread = (groupId: string, threadId: string) => api<ThreadDetail>('GET', `/api/groups/${groupId}/threads/${threadId}`);
export const startThread = (groupId: string, body: { subject: string; body: string }) =>
  api<ThreadDetail>('POST', `/api/groups/${groupId}/threads`, body);
export const reply = (groupId: string, threadId: string, body: string) =>
  api<ThreadDetail>('POST', `/api/groups/${groupId}/threads/${threadId}/posts`, { body });
export const delivery = (groupId: string) => api<{ delivery: Delivery; address: string }>('GET', `/api/groups/${groupId}/delivery`);
export const setDelivery = (groupId: string, value: Delivery) =>
  api<{ delivery: Delivery }>('PUT', `/api/groups/${groupId}/delivery`, { delivery: value });
export const held = (groupId: string) => api<HeldMail>('GET', `/api/groups/${groupId}/held`);
export const decideHeld = (groupId: string, heldId: string, decision: 'release' | 'reject') =>
  api<HeldMail>('POST', `/api/groups/${groupId}/held/${heldId}`, { decision });

export type GroupRecords = z.output<typeof schema.groupRecords>;
export const records = (groupId: string) => api<GroupRecords>('GET', `/api/groups/${groupId}/records`);
export const addDocument = (groupId: string, resourceId: string) =>
  api<GroupRecords>('POST', `/api/groups/${groupId}/documents`, { resourceId });
export const removeDocument = (groupId: string, resourceId: string) =>
  api<GroupRecords>('DELETE', `/api/groups/${groupId}/documents/${resourceId}`);
export const recordDecision = (groupId: string, body: { text: string; decidedOn: string; meetingId?: string }) =>
  api<GroupRecords>('POST', `/api/groups/${groupId}/decisions`, body);
