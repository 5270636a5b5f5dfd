// The public meeting page and its minutes as plain semantic HTML (pure): what a visitor without
// JavaScript reads — a crawler, a text browser, a screen reader before the app arrives — from the
// same data the public API answers (meetings/view.ts through the policy: a closed item by its public
// title only, a file the public may not see by its number only). The markup follows the web app's
// (same elements and classes), so the app replacing it moves nothing on the screen.
import { DateTime } from 'luxon';
import type { AgendaItemView, ItemPartView, MeetingDetail } from '../../meetings/schemas.ts';
import type { MinutesView } from '../../minutes/schemas.ts';
import { t, type TextKey } from './texts.ts';
import { byteSize, fileType } from '../../shared/file-facts.ts';

const ZONE = 'Europe/Copenhagen';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Text and attribute values alike. */
export const esc = (s: string | number): string => String(s).replace(/[&<>"']/g, (c) => ESCAPES[c]);

const zoned = (iso: string) => DateTime.fromISO(iso, { setZone: true }).setZone(ZONE).setLocale('da');
/** "onsdag 4. februar 2026", as the web app writes it. */
export const longDate = (iso: string) => zoned(iso).toFormat('cccc d. MMMM yyyy');
/** "20.00 – 21.30". */
export const timeRange = (start: string, end: string) => `${zoned(start).toFormat('HH.mm')} – ${zoned(end).toFormat('HH.mm')}`;

const meetingPath = (id: string) => `/meetings/${encodeURIComponent(id)}`;

/** "Label: value" as the package prints an item's lines; the value keeps its line breaks. */
const line = (label: TextKey, value: string) => `<p class="item-line"><strong>${esc(t(label))}</strong> <span class="pre">${esc(value)}</span></p>`;

function partLine(part: ItemPartView): string {
  const numbered = (title: string) => esc(t('attachments.numbered', { number: part.number, title }));
  if (part.kind === 'withheld') return `<span class="attachment-withheld">${numbered(t('attachments.withheld'))}</span>`;
  if (part.kind === 'proposal') {
    return `${numbered(t('attachments.proposal'))}: <a href="/indstillinger/${encodeURIComponent(part.proposalId)}">${esc(part.title)}</a>`;
  }
  const a = part.attachment;
  if (!a.file) return numbered(a.title);
  const f = a.file;
  const pages = f.pageCount === null ? null : f.pageCount === 1 ? t('attachments.pagesOne') : t('attachments.pagesMany', { count: f.pageCount });
  const facts = [fileType(f.mediaType), pages, byteSize(f.byteSize, 'da')].filter(Boolean).join(', ');
  const pdf =
    f.pdfUrl && f.conversion === 'converted'
      ? ` <a href="${esc(f.pdfUrl)}" aria-label="${esc(t('attachments.pdfLabel', { title: a.title }))}">${esc(t('attachments.pdf'))}</a>`
      : '';
  return `<a href="${esc(f.url)}" download="${esc(f.name)}">${numbered(a.title)}</a><span class="attachment-facts"> (${esc(facts)})${pdf}</span>`;
}

function parts(item: AgendaItemView): string {
  const list = item.parts.length ? `<ul>${item.parts.map((p) => `<li><span aria-hidden="true">- </span>${partLine(p)}</li>`).join('')}</ul>` : '';
  return `<div class="item-attachments"><p class="item-line"><strong>${esc(t('item.attachments'))}</strong></p>${list}</div>`;
}

function decisionDetails(item: AgendaItemView): string {
  if (item.outcomes.length === 0 && item.remarks.length === 0) return '';
  const outcomes = [...item.outcomes]
    .sort((a, b) => a.point - b.point)
    .map((o) => `<p class="item-line">${esc(t('outcome.line', { point: o.point, outcome: t(`outcome.${o.outcome}`) }))}</p>`)
    .join('');
  const remarks = item.remarks.length
    ? `<p class="item-line"><strong>${esc(t('remarks.heading'))}</strong></p><ul>${item.remarks.map((r) => `<li>${esc(r)}</li>`).join('')}</ul>`
    : '';
  return `<div class="decision-details">${outcomes}${remarks}</div>`;
}

function itemContent(item: AgendaItemView): string {
  const lines = [
    !item.public && item.publicTitle ? line('item.publicTitleLine', item.publicTitle) : '',
    !item.public && item.legalBasis ? line('item.legalBasis', item.legalBasis) : '',
    item.purpose ? line('item.purpose', item.purpose) : '',
    item.method ? line('item.method', item.method) : '',
    item.responsible ? line('item.responsible', item.responsible) : '',
    item.plannedMinutes > 0
      ? line('item.slot', t('item.slotValue', { range: timeRange(item.plannedStart, item.plannedEnd), minutes: item.plannedMinutes }))
      : '',
    parts(item),
    item.decision ? line('item.decision', item.decision) : '',
    decisionDetails(item),
  ];
  return `<div class="item-content">${lines.join('')}</div>`;
}

function agendaItem(item: AgendaItemView, meeting: MeetingDetail, changed: Set<string>): string {
  const active = meeting.live?.activeItemId === item.id;
  const title = item.restricted ? (item.publicTitle ?? item.title) : item.title;
  const classes = ['agenda-item'];
  if (item.overrun) classes.push('agenda-item--overrun');
  if (active) classes.push('agenda-item--active');
  if (!item.public) classes.push('agenda-item--closed');
  const headingId = `item-${esc(item.id)}-heading`;
  const badges = [
    changed.has(item.id) ? `<span class="badge badge--changed">${esc(t('changes.badge'))}</span>` : '',
    !item.public ? `<span class="badge badge--closed">${esc(t('item.closed'))}</span>` : '',
    active ? `<span class="badge badge--active">${esc(t('live.activeBadge'))}</span>` : '',
    item.handling ? `<span class="badge">${esc(t(item.handling === 'moved' ? 'live.moved' : 'live.notHandledBadge'))}</span>` : '',
    item.overrun ? `<span class="badge badge--overrun">${esc(t('agenda.overrunItem'))}</span>` : '',
  ].join('');
  return [
    `<article class="${classes.join(' ')}" id="punkt-${item.number}" aria-labelledby="${headingId}"${active ? ' aria-current="step"' : ''}>`,
    `<div class="agenda-item__head"><h3 id="${headingId}">${item.number}. ${esc(title)}</h3></div>`,
    item.subheading && !item.restricted ? `<h4 class="agenda-item__subheading">${esc(item.subheading)}</h4>` : '',
    badges ? `<p class="agenda-item__badges">${badges}</p>` : '',
    !item.restricted && item.parts.length
      ? `<p class="agenda-item__read"><a href="${meetingPath(meeting.id)}/laes?punkt=${item.number}">${esc(t('reader.readItem', { number: item.number }))}</a></p>`
      : '',
    item.restricted ? '' : itemContent(item),
    '</article>',
  ].join('');
}

/** "Ændret efter udsendelse": the changes since the agenda was sent, as this audience sees the items. */
function agendaChanges(meeting: MeetingDetail): string {
  if (meeting.changesSinceSent.length === 0) return '';
  const lines = meeting.changesSinceSent.map((c) => {
    const vars = { number: c.number, title: c.title, from: c.fromNumber ?? '' };
    const text =
      c.kind === 'changed' && c.fromTitle !== undefined
        ? `${t('changes.changed', vars)} (${t('changes.retitled', { number: c.number, from: c.fromTitle })})`
        : t(`changes.${c.kind}`, vars);
    return `<li>${c.kind === 'removed' ? esc(text) : `<a href="#punkt-${c.number}">${esc(text)}</a>`}</li>`;
  });
  return `<section class="notice notice--warning" aria-labelledby="agenda-changes-heading"><h2 id="agenda-changes-heading">${esc(t('changes.heading'))}</h2><p>${esc(t('changes.intro'))}</p><ul>${lines.join('')}</ul></section>`;
}

function overrunNotice(meeting: MeetingDetail): string {
  if (meeting.overrunMinutes <= 0) return '';
  const from = meeting.items.find((i) => i.id === meeting.overrunFromItemId);
  const text = t('agenda.overrun', { end: zoned(meeting.plannedEnd).toFormat('HH.mm'), minutes: meeting.overrunMinutes, number: from?.number ?? '?' });
  return `<div class="notice notice--warning"><p><span aria-hidden="true" class="notice__icon">⚠</span> ${esc(text)}</p></div>`;
}

const heldOrLater = (state: MeetingDetail['state']) => state === 'held' || state === 'minutes_approved';

/** The meeting page's <main> content: its head, the short agenda and every item (no tools: a reader's page). */
export function meetingBody(meeting: MeetingDetail): string {
  const changed = new Set(meeting.changesSinceSent.filter((c) => c.kind !== 'removed').map((c) => c.itemId));
  const path = meetingPath(meeting.id);
  const head = [
    '<header class="meeting-head">',
    `<p class="meeting-head__org">${esc(meeting.organization.name)}</p>`,
    `<h1>${esc(meeting.title)}</h1>`,
    '<div class="meeting-head__facts">',
    `<p><strong>${esc(t('meeting.date'))}</strong> ${esc(longDate(meeting.start))}</p>`,
    `<p><strong>${esc(t('meeting.time'))}</strong> ${esc(t('meeting.timeValue', { range: timeRange(meeting.start, meeting.end) }))}</p>`,
    meeting.location ? `<p><strong>${esc(t('meeting.place'))}</strong> ${esc(meeting.location)}</p>` : '',
    `<p><strong>${esc(t('meeting.state'))}</strong> <span class="badge badge--state badge--${meeting.state}">${esc(t(`state.${meeting.state}`))}</span></p>`,
    '</div></header>',
  ].join('');
  // "Tilføj til kalender" as the app has it (web/src/calendar/AddToCalendar.tsx): the page does not move when the app takes over.
  const addToCalendar =
    `<p class="add-to-calendar"><a href="/api/calendar/meetings/${encodeURIComponent(meeting.id)}.ics" download type="text/calendar" class="subscribe__link" aria-describedby="add-to-calendar-hint">` +
    `${esc(t('calendar.addMeeting'))}<span class="visually-hidden"> – ${esc(meeting.title)}, ${esc(longDate(meeting.start))}</span></a> ` +
    `<span id="add-to-calendar-hint" class="hint">${esc(t('calendar.addMeetingHint'))}</span></p>`;
  const minutesLinks = heldOrLater(meeting.state)
    ? `<p><a href="${path}/referat">${esc(t('minutesPage.link'))}</a> · <a href="/api${path}/minutes.pdf">${esc(t('minutes.pdf'))}</a></p>`
    : '';
  const short = meeting.items.length
    ? `<nav aria-labelledby="agenda-short-heading" class="agenda-short"><h2 id="agenda-short-heading">${esc(t('agenda.short'))}</h2><ol>${meeting.items
        .map((i) => `<li value="${i.number}"><a href="#punkt-${i.number}">${esc(i.restricted ? (i.publicTitle ?? i.title) : i.title)}</a></li>`)
        .join('')}</ol></nav>`
    : '';
  const agenda = [
    '<section aria-labelledby="agenda-heading" class="agenda">',
    `<h2 id="agenda-heading">${esc(t('agenda.heading'))}</h2>`,
    meeting.items.length === 0 ? `<p class="empty">${esc(t('agenda.empty'))}</p>` : '',
    `<div class="agenda__items">${meeting.items.map((i) => agendaItem(i, meeting, changed)).join('')}</div>`,
    '</section>',
  ].join('');
  return `<div class="meeting"><p class="breadcrumb"><a href="/">${esc(t('meeting.back'))}</a></p>${head}${addToCalendar}${minutesLinks}${agendaChanges(meeting)}${overrunNotice(meeting)}${short}${agenda}</div>`;
}

/** The minutes page's <main> content, in the web page's form (minutes/document.ts made the words). */
export function minutesBody(m: MinutesView): string {
  const path = meetingPath(m.meetingId);
  const items = m.items.map((item) => {
    const id = `minutes-item-${item.number}`;
    const heading = `${t('minutesPage.item', { number: item.number, title: item.title })}${item.minutes > 0 ? ` (${item.minutes} min)` : ''}`;
    const decided = item.decision !== null || item.outcomes.length > 0;
    return [
      `<section aria-labelledby="${id}" class="minutes-page__item"><h2 id="${id}">${esc(heading)}</h2>`,
      item.closed ? `<p><em>${esc(t('item.closed'))}${item.legalBasis ? ` (${esc(item.legalBasis)})` : ''}</em></p>` : '',
      decided
        ? [
            `<h3>${esc(t('minutesPage.decision', { number: item.number, title: item.title }))}</h3>`,
            item.decision ? `<p class="pre">${esc(item.decision)}</p>` : '',
            ...item.outcomes.map((o) => `<p>${esc(o)}</p>`),
            ...item.corrections.map((c) => `<p><em>${esc(c)}</em></p>`),
          ].join('')
        : item.handling
          ? `<p><em>${esc(item.handling)}</em></p>`
          : '',
      item.remarks.length ? `<h3>${esc(t('remarks.heading'))}</h3><ul>${item.remarks.map((r) => `<li>${esc(r)}</li>`).join('')}</ul>` : '',
      ...item.votes.map(
        (v) =>
          `<p><strong>${esc(t('minutesPage.vote'))}</strong> ${esc(v.motion)} – ${esc(v.counts)}${v.dissents
            .map((d) => `<br><em>${esc(t('minutesPage.dissent'))}</em> ${esc(d)}`)
            .join('')}</p>`,
      ),
      item.followUps.length
        ? `<h3>${esc(t('minutesPage.followUps'))}</h3><ul>${item.followUps
            .map((f) => `<li>${esc(`${f.owner ? `${f.owner}: ` : ''}${f.text}${f.due ? ` (${t('minutesPage.due', { date: f.due })})` : ''}`)}</li>`)
            .join('')}</ul>`
        : '',
      '</section>',
    ].join('');
  });
  return [
    '<article class="minutes-page">',
    `<p class="breadcrumb"><a href="${path}">${esc(t('minutesPage.back'))}</a></p>`,
    `<h1>${esc(m.title)}</h1>`,
    `<p>${esc(m.organization)}<br>${esc(m.date)}, ${esc(m.time)}${m.location ? `, ${esc(m.location)}` : ''}<br><strong>${esc(m.status)}</strong></p>`,
    `<p><a href="/api${path}/minutes.pdf?lang=da">${esc(t('minutes.pdf'))}</a> · <a href="/api${path}/minutes.docx?lang=da">${esc(t('minutesPage.docx'))}</a></p>`,
    m.present.length ? `<p><strong>${esc(t('minutesPage.present'))}</strong> ${esc(m.present.join(', '))}</p>` : '',
    m.absent.length ? `<p><strong>${esc(t('minutesPage.absent'))}</strong> ${esc(m.absent.join(', '))}</p>` : '',
    ...items,
    '</article>',
  ].join('');
}

/** The app's banner for a visitor who is not logged in: plain links, and a search form that works without JavaScript. */
function banner(loginNext: string): string {
  const nav = (
    [
      ['/', 'app.nav.meetings'],
      ['/organisation', 'app.nav.organisation'],
      ['/aarshjul', 'app.nav.wheels'],
      ['/moedeplan', 'app.nav.plans'],
    ] as const
  )
    .map(([href, key]) => `<li><a href="${href}">${esc(t(key))}</a></li>`)
    .join('');
  return [
    '<header class="site-header"><div class="site-header__inner">',
    `<a href="/" class="site-header__name">${esc(t('app.name'))}</a>`,
    // The app's menu button on a phone; here a link that opens the panel by :target (styles.css), without JavaScript.
    `<a href="#site-menu" class="site-header__menu-button"><span aria-hidden="true" class="site-header__menu-icon">☰</span> ${esc(t('app.menu'))}</a>`,
    '<div id="site-menu" class="site-header__panel">',
    `<nav aria-label="${esc(t('app.nav'))}" class="site-nav"><ul>${nav}</ul></nav>`,
    '<div class="site-header__tools">',
    `<form role="search" class="site-search" aria-label="${esc(t('search.headerLabel'))}" action="/soeg" method="get">`,
    `<input type="search" name="q" aria-label="${esc(t('search.headerLabel'))}" placeholder="${esc(t('search.nav'))}">`,
    `<button type="submit" class="button button--quiet">${esc(t('search.nav'))}</button></form>`,
    // The language is chosen in the app (its English texts load then): shown, not usable, until it runs.
    `<div role="group" aria-label="${esc(t('app.language'))}" class="lang-switch"><button type="button" lang="da" aria-pressed="true" disabled>Dansk</button><button type="button" lang="en" aria-pressed="false" disabled>English</button></div>`,
    `<a class="button button--quiet" href="/login?next=${encodeURIComponent(loginNext)}">${esc(t('access.login'))}</a>`,
    '</div></div></div></header>',
  ].join('');
}

export interface PageHead {
  title: string;
  description: string;
  /** Absolute address of the page (rel=canonical). */
  canonical: string;
  /** The meeting's body's Atom feed, announced to feed readers as the app announces it (rel=alternate). */
  feed: { href: string; title: string };
}

/** The body's feed of agendas and minutes, under the title the app gives it (web/src/publication/Subscribe.tsx). */
export const bodyFeed = (organization: { id: string; name: string }): PageHead['feed'] => ({
  href: `/api/feeds/organizations/${encodeURIComponent(organization.id)}.atom`,
  title: t('subscriptions.feedTitle', { what: organization.name }),
});

/**
 * The built index.html with the page in its root: the app (web/src/main.tsx) sees `data-server-page`,
 * renders beside it unseen, and swaps when its own page has its data. The title, description, canonical
 * link and feed are the page's; nothing inline is added (the CSP allows no inline script or style).
 */
export function inShell(shell: string, head: PageHead, path: string, body: string): string {
  const page = `<div class="server-page" data-server-page><a class="skip-link" href="#main">${esc(t('app.skipLink'))}</a>${banner(path)}<main id="main" tabindex="-1" class="site-main">${body}</main></div>`;
  return shell
    .replace(/<title>[^<]*<\/title>/, () => `<title>${esc(head.title)}</title>`)
    .replace(/<meta name="description" content="[^"]*"\s*\/?>/, () => `<meta name="description" content="${esc(head.description)}" />`)
    .replace(
      '</head>',
      () =>
        `<link rel="canonical" href="${esc(head.canonical)}" />\n` +
        `<link rel="alternate" type="application/atom+xml" href="${esc(head.feed.href)}" title="${esc(head.feed.title)}" />\n</head>`,
    )
    .replace(/<noscript>[\s\S]*?<\/noscript>\s*/, '')
    .replace('<div id="root"></div>', () => `<div id="root">${page}</div>`);
}

/** "Børne- og Skoleudvalget, onsdag 4. februar 2026: dagsorden med 9 punkter." — what a search result shows under the title. */
export function meetingDescription(meeting: MeetingDetail): string {
  const items = meeting.items.length === 1 ? '1 punkt' : `${meeting.items.length} punkter`;
  const what = heldOrLater(meeting.state) ? 'dagsorden og beslutninger' : 'dagsorden';
  return `${meeting.organization.name}, ${longDate(meeting.start)} kl. ${timeRange(meeting.start, meeting.end)}: ${what}, ${items}.`;
}
