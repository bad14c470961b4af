import type { z } from 'zod';
import type { newCollection } from '../../../src/modules/library/collection-schema';
import type { collectionDetail, collectionSummary, libraryPage, resourceResult } from '../../../src/modules/library/responses';
import { api, path, query, upload } from './client';

/** The library of tools: types from the server's own schemas. */
export type Resource = z.output<typeof resourceResult>;
export type LibraryPage = z.output<typeof libraryPage>;
export type Collection = z.output<typeof collectionSummary>;
export type CollectionDetail = z.output<typeof collectionDetail>;

export const searchLibrary = (params: Record<string, string | number>) => api<LibraryPage>('GET', `/api/library/resources${query(params)}`);
export const collections = () => api<Collection[]>('GET', '/api/library/collections');
export const keptResources = () => api<Resource[]>('GET', '/api/library/mine');
/** A new tool as the shelf's form sends it; the server's schema checks every field (library/schema.ts). */
export const addResource = (body: Record<string, unknown>) => api<{ id: string }>('POST', '/api/library/resources', body);
export const attachFile = (id: string, file: File) =>
  upload<Resource>(`${path`/api/library/resources/${id}/file`}${query({ name: file.name })}`, file);
export const removeResource = (id: string) => api('DELETE', path`/api/library/resources/${id}`);
export const collection = (slug: string) => api<CollectionDetail>('GET', path`/api/library/collections/${slug}`);
export const startCollection = (body: z.input<typeof newCollection>) => api<{ id: string }>('POST', '/api/library/collections', body);
export const setCollectionItems = (slug: string, resourceIds: string[]) =>
  api<CollectionDetail>('PUT', path`/api/library/collections/${slug}/items`, { resourceIds });
