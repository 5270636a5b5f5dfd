// English texts of lists read a page at a time ("Show more").
import type { listsDa } from './lists.da.ts';

export const listsEn: Record<keyof typeof listsDa, string> = {
  'list.moreExist': 'There are more.',
  'list.more': 'Show more',
  'list.loadingMore': 'Loading more …',
  'list.moreShown': '{count} more shown, {total} in all.',
  'list.moreShownAll': '{count} more shown, {total} in all. There are no more.',
};
