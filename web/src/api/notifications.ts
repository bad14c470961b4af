import type { z } from 'zod';
import type { notification } from '../../../src/modules/notifications/schema';
import { api, path } from './client';

export type Notice = z.output<typeof notification>;

export const notices = () => api<Notice[]>('GET', '/api/notifications');
export const markRead = (id: string) => api('POST', path`/api/notifications/${id}/read`, {});
