// The query fields every paged list takes (zod), for the lists' schemas; the sizes are paging.ts's.
import { z } from 'zod';
import { because } from './reasons.ts';
import { PAGE_MAX } from './paging.ts';

/** The query fields every paged list takes. */
export const pageParams = {
  /** The `next` of the previous page; absent for the first. */
  cursor: z.string().max(500, because('paging.cursor')).optional(),
  /** Rows in this page: 1 to PAGE_MAX (PAGE_SIZE when absent). */
  limit: z.coerce
    .number(because('paging.limit'))
    .int(because('paging.limit'))
    .min(1, because('paging.limit'))
    .max(PAGE_MAX, because('paging.limit'))
    .optional(),
};
