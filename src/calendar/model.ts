// Pure rules of the calendar: subscription addresses, a meeting's file name and its agenda as the public reads it.

/** webcal://host/path for an http(s) address: the scheme that makes a browser hand the feed to the calendar program. */
export const webcalUrl = (url: string): string => url.replace(/^https?:\/\//i, 'webcal://');

/** "moede-2026-02-04-social-og-beskaeftigelsesudvalgsmoede.ics": ASCII, so every browser keeps it as the saved file's name. */
export function icsFileName(title: string, localDate: string): string {
  const slug = title
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `moede-${localDate}${slug ? `-${slug}` : ''}.ics`;
}

export interface AgendaLine {
  title: string;
  publicTitle: string | null;
  isPublic: number;
}

/**
 * The agenda in a meeting's event: numbered titles as the public reads them (a closed item by its
 * public title, else "Lukket punkt"), whoever downloads it — the file leaves Rådslag for a calendar program.
 */
export function agendaText(items: readonly AgendaLine[]): string | null {
  if (items.length === 0) return null;
  const lines = items.map((i, n) => `${n + 1}. ${i.isPublic === 1 ? i.title : `${i.publicTitle?.trim() || 'Lukket punkt'} (lukket punkt)`}`);
  return `Dagsorden:\n${lines.join('\n')}`;
}
