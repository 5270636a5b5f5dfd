// An Atom feed (RFC 4287) writer — pure: a feed's and its entries' required elements (id, title,
// updated, author, link), text escaped for XML, characters XML cannot hold dropped.

export interface AtomLink {
  href: string;
  rel?: 'alternate' | 'self' | 'related' | 'enclosure';
  type?: string;
  title?: string;
}

export interface AtomEntry {
  /** A permanent, unique IRI (tag: URI). */
  id: string;
  title: string;
  /** ISO instants. */
  updated: string;
  published?: string;
  links: AtomLink[];
  summary?: string;
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle?: string;
  updated: string;
  author: string;
  links: AtomLink[];
  entries: AtomEntry[];
}

// XML 1.0 allows tab, newline and carriage return among the control characters, nothing else below space.
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
export const xmlText = (s: string) => s.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** An instant as RFC 3339 in UTC, seconds precision. */
const instant = (iso: string) => new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');

const link = (l: AtomLink) =>
  `<link href="${xmlText(l.href)}"${l.rel ? ` rel="${l.rel}"` : ''}${l.type ? ` type="${xmlText(l.type)}"` : ''}${l.title ? ` title="${xmlText(l.title)}"` : ''}/>`;

/**
 * A tag: URI (RFC 4151) for something of this installation: the host of the public address and a
 * fixed date, so an id never changes while the address stays.
 */
export const tagUri = (publicUrl: string, specific: string) => `tag:${new URL(publicUrl).hostname},2026:${specific}`;

export function atomXml(feed: AtomFeed): string {
  const out = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="da">',
    `<id>${xmlText(feed.id)}</id>`,
    `<title>${xmlText(feed.title)}</title>`,
    ...(feed.subtitle ? [`<subtitle>${xmlText(feed.subtitle)}</subtitle>`] : []),
    `<updated>${instant(feed.updated)}</updated>`,
    `<author><name>${xmlText(feed.author)}</name></author>`,
    '<generator>Rådslag</generator>',
    ...feed.links.map(link),
  ];
  for (const e of feed.entries) {
    out.push(
      '<entry>',
      `<id>${xmlText(e.id)}</id>`,
      `<title>${xmlText(e.title)}</title>`,
      `<updated>${instant(e.updated)}</updated>`,
      ...(e.published ? [`<published>${instant(e.published)}</published>`] : []),
      ...e.links.map(link),
      ...(e.summary ? [`<summary type="text">${xmlText(e.summary)}</summary>`] : []),
      '</entry>',
    );
  }
  out.push('</feed>', '');
  return out.join('\n');
}
