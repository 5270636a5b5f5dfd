// "Når planen godkendes": what approving the draft will do to the committee's meetings.
import type { PlanChangeView } from '../../../src/planning/schemas.ts';
import { useI18n, type MessageKey } from '../i18n/index.tsx';
import { formatLongDate } from '../i18n/format.ts';
import { whenOf } from './planText.ts';

function Group({ id, title, lines }: { id: string; title: string; lines: string[] }) {
  if (lines.length === 0) return null;
  return (
    <div className="preview-group" data-testid={`preview-${id}`}>
      <h3 id={`preview-${id}`}>{title}</h3>
      <ul aria-labelledby={`preview-${id}`}>
        {lines.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ul>
    </div>
  );
}

export function PlanPreview({ preview }: { preview: PlanChangeView }) {
  const { t, lang, time, timeRange } = useI18n();
  const at = (start: string) => formatLongDate(start, lang);
  const atTime = (start: string) => t('plan.when', { date: at(start), time: time(start) });
  const groups: { id: string; key: MessageKey; lines: string[] }[] = [
    { id: 'create', key: 'preview.create', lines: preview.create.map((o) => whenOf(o.start, o.end, t, lang)) },
    {
      id: 'move',
      key: 'preview.move',
      lines: preview.move.map((m) => t('preview.moveLine', { from: atTime(m.from), to: whenOf(m.to.start, m.to.end, t, lang) })),
    },
    { id: 'cancel', key: 'preview.cancel', lines: preview.cancel.map((m) => at(m.start)) },
    { id: 'link', key: 'preview.link', lines: preview.link.map((m) => at(m.start)) },
    {
      id: 'conflicts',
      key: 'preview.conflicts',
      lines: preview.conflicts.map((c) =>
        c.change === 'move' && c.to
          ? t('preview.moveLine', { from: atTime(c.start), to: t('plan.when', { date: at(c.to.start), time: timeRange(c.to.start, c.to.end) }) })
          : `${at(c.start)}: ${t('approve.proposedCancel')}`,
      ),
    },
  ];
  const nothing = groups.every((g) => g.lines.length === 0);
  return (
    <>
      <p>{t('preview.intro')}</p>
      {nothing ? <p className="empty">{t('preview.nothing')}</p> : null}
      {groups.map((g) => (
        <Group key={g.id} id={g.id} title={t(g.key, { count: g.lines.length })} lines={g.lines} />
      ))}
    </>
  );
}
