// The cover of a meeting package (mødepakke): one page naming the organization, the meeting, its
// time and place, which edition it is (for members or the public) and when it was put together.
import { longDate, clock, meetingWhen, type Lang } from './format.ts';
import { renderPdf } from './render.ts';

export interface CoverInput {
  municipality: string;
  organizationName: string;
  meetingTitle: string;
  /** ISO 8601 instants (or Copenhagen wall-clock times). */
  start: string;
  end: string;
  location: string | null;
  /** Members see closed items; the public edition leaves them out. */
  audience: 'member' | 'public';
  generatedAt: string;
  lang: Lang;
}

const texts = {
  da: {
    package: 'Mødepakke',
    when: 'Mødetid',
    place: 'Mødested',
    edition: { member: 'Udgave til medlemmer', public: 'Offentlig udgave' },
    generated: (date: string, time: string) => `Dannet ${date} kl. ${time}`,
  },
  en: {
    package: 'Meeting package',
    when: 'Time',
    place: 'Place',
    edition: { member: 'Members’ edition', public: 'Public edition' },
    generated: (date: string, time: string) => `Generated ${date} at ${time}`,
  },
} as const;

export function coverPdf(c: CoverInput): Buffer {
  const t = texts[c.lang];
  return renderPdf('cover', {
    lang: c.lang,
    municipality: c.municipality,
    title: `${t.package}: ${c.meetingTitle}`,
    heading: t.package,
    organization: c.organizationName,
    meeting: c.meetingTitle,
    labels: { when: t.when, place: t.place },
    when: meetingWhen(c.start, c.end, c.lang),
    location: c.location,
    edition: t.edition[c.audience],
    member: c.audience === 'member',
    generated: t.generated(longDate(c.generatedAt, c.lang), clock(c.generatedAt, c.lang)),
  });
}
