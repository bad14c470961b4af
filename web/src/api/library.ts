import type { z } from 'zod';
import type { collectionSummary, libraryPage, resourceResult } from '../../../src/modules/library/responses';
import { api, path, query, upload } from './client';

/** The library of tools: types from the server's own schemas. */
export type Resource = z.output<typeof resourceResult>;
export type LibraryPage = z.output<typeof libraryPage>;
export type Collection = z.output<typeof collectionSummary>;

export const searchLibrary = (params: Record<string, string | number>) => api<LibraryPage>('GET', `/api/library/resources${query(params)}`);
export const collections = () => api<Collection[]>('GET', '/api/library/collections');
export const keptResources = () => api<Resource[]>('GET', '/api/library/mine');
/** A new tool as the shelf's form sends it; the server's schema checks every field (library/schema.ts). */
export const addResource = (body: Record<string, unknown>) => api<{ id: string }>('POST', '/api/library/resources', body);
export const attachFile = (id: string, file: File) =>
  upload<Resource>(`${path`/api/library/resources/${id}/file`}${query({ name: file.name })}`, file);
export const removeResource = (id: string) => api('DELETE', path`/api/library/resources/${id}`);
