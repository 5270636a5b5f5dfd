// Danske tekster til lister, der hentes en side ad gangen ("Vis flere").
export const listsDa = {
  'list.moreExist': 'Der er flere.',
  'list.more': 'Vis flere',
  'list.loadingMore': 'Henter flere …',
  'list.moreShown': '{count} flere vist, {total} i alt.',
  'list.moreShownAll': '{count} flere vist, {total} i alt. Der er ikke flere.',
} as const;
