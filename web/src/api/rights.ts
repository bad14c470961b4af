import type { z } from 'zod';
import type * as schema from '../../../src/modules/rights/schema';
import { api } from './client';

/** The rights pages' translations and their reviews: types from the server's schemas. */
export type PageState = z.output<typeof schema.pageState>;
export type Review = z.input<typeof schema.reviewBody>;

export const reviewStates = () => api<PageState[]>('GET', '/api/rights/reviews');
export const recordReview = (review: Review) => api<PageState>('POST', '/api/rights/reviews', review);
