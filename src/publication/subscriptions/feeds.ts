// Atom feeds of the same topics as the e-mail subscriptions: a body's published agendas and
// minutes, those a search finds (as anyone reads it), those of a case. Public data only: published
// meetings, a closed item by its public title. Entries are publications (an agenda sent, minutes
// approved), the latest FEED_SIZE, with the same tag: ids whatever the topic.
import { createHash } from 'node:crypto';
import type { Db } from '../../db/connection.ts';
import { notFound } from '../../http/errors.ts';
import { search } from '../../search/operations.ts';
import { atomXml, tagUri, type AtomEntry } from './atom.ts';
import { publicationLinks, publicationsOf, publicationTitle, publicLines, topicLabel, topicKey, type Topic } from './model.ts';
import * as store from './store.ts';

export const FEED_SIZE = 50;

export interface AtomDocument {
  body: string;
  etag: string;
  /** The feed's <updated>, for Last-Modified. */
  updated: string;
}

/** Where the topic lives in the web app, and the feed's own address. */
export function topicAddresses(base: string, t: Topic) {
  if (t.kind === 'organization')
    return {
      page: `${base}/?organisation=${encodeURIComponent(t.organizationId)}`,
      feed: `${base}/api/feeds/organizations/${encodeURIComponent(t.organizationId)}.atom`,
    };
  if (t.kind === 'search')
    return { page: `${base}/soeg?q=${encodeURIComponent(t.query)}`, feed: `${base}/api/feeds/search.atom?q=${encodeURIComponent(t.query)}` };
  return { page: `${base}/soeg?q=${encodeURIComponent(t.caseNumber)}`, feed: `${base}/api/feeds/cases/${encodeURIComponent(t.caseNumber)}.atom` };
}

async function meetingsOf(db: Db, t: Topic) {
  if (t.kind === 'organization') return store.publishedMeetings(db, { organizationId: t.organizationId }, FEED_SIZE);
  if (t.kind === 'case') return store.publishedMeetings(db, { caseNumber: t.caseNumber }, FEED_SIZE);
  const hits = await search({ db, viewer: null }, { q: t.query, limit: 50 });
  const ids = [...new Set(hits.hits.map((h) => h.meetingId).filter((id): id is string => id !== null))];
  return store.publishedMeetings(db, { ids }, FEED_SIZE);
}

/** The feed of a topic; 404 for a body that is not a political body. */
export async function topicFeed({ db, publicUrl }: { db: Db; publicUrl: string }, t: Topic): Promise<AtomDocument> {
  let name: string | undefined;
  let municipality: string | undefined;
  if (t.kind === 'organization') {
    const body = await store.politicalBody(db, t.organizationId);
    if (!body) throw notFound('organization');
    name = body.name;
    municipality = body.municipality;
  }
  municipality ??= (await db.selectFrom('bodies').select('name').where('deleted', 'is', null).orderBy('created').executeTakeFirst())?.name ?? 'Rådslag';
  const meetings = await meetingsOf(db, t);
  const items = await store.itemsOf(
    db,
    meetings.map((m) => m.id),
  );
  const entries: AtomEntry[] = meetings
    .flatMap((m) =>
      publicationsOf(m).map((p) => {
        const links = publicationLinks(publicUrl, m.id, p.kind);
        return {
          id: tagUri(publicUrl, `meeting/${m.id}/${p.kind}`),
          title: publicationTitle(m, p.kind),
          updated: p.at,
          published: p.at,
          links: [
            { href: links.page, rel: 'alternate' as const, type: 'text/html' },
            { href: links.pdf, rel: 'related' as const, type: 'application/pdf', title: p.kind === 'agenda' ? 'Dagsorden (PDF)' : 'Referat (PDF)' },
          ],
          summary: publicLines(items.get(m.id) ?? []).join('\n'),
        };
      }),
    )
    .sort((a, b) => (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : a.id.localeCompare(b.id)))
    .slice(0, FEED_SIZE);
  const label = topicLabel(t, name);
  const addresses = topicAddresses(publicUrl, t);
  // An empty feed has never been updated: the epoch keeps its ETag and Last-Modified steady.
  const updated = entries[0]?.updated ?? '1970-01-01T00:00:00.000Z';
  const body = atomXml({
    id: tagUri(publicUrl, `feed/${topicKey(t)}`),
    title: `${label.charAt(0).toUpperCase()}${label.slice(1)} – dagsordener og referater`,
    subtitle: `Offentliggjorte dagsordener og referater fra ${municipality}`,
    updated,
    author: municipality,
    links: [
      { href: addresses.feed, rel: 'self', type: 'application/atom+xml' },
      { href: addresses.page, rel: 'alternate', type: 'text/html' },
    ],
    entries,
  });
  return { body, etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"`, updated };
}
