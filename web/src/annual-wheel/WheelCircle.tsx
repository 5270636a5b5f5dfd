// The wheel drawn: twelve month sectors from January at the top, today's line, and each case as a
// numbered dot in its month. The drawing is one image with a summary; the dots are real buttons
// laid over it, so each case can be reached by keyboard and opened.
import type { WheelView } from '../../../src/annual-wheel/schemas.ts';
import { useI18n } from '../i18n/index.tsx';
import { monthName, months, stateOf } from './wheelText.ts';

const SIZE = 400;
const C = SIZE / 2;
const R = 188;

/** The angle (radians) of a point of the year: 0 = 1 January at the top, clockwise. */
const angle = (monthFraction: number) => (monthFraction / 12) * 2 * Math.PI - Math.PI / 2;
const at = (a: number, r: number) => ({ x: C + r * Math.cos(a), y: C + r * Math.sin(a) });

function sector(month: number) {
  const a0 = angle(month - 1);
  const a1 = angle(month);
  const p0 = at(a0, R);
  const p1 = at(a1, R);
  return `M ${C} ${C} L ${p0.x} ${p0.y} A ${R} ${R} 0 0 1 ${p1.x} ${p1.y} Z`;
}

interface Props {
  wheel: WheelView;
  numbers: Map<string, number>;
  today: { year: number; month: number; day: number; daysInMonth: number };
  onOpen: (entryId: string) => void;
}

export function WheelCircle({ wheel, numbers, today, onOpen }: Props) {
  const { t, lang } = useI18n();
  const perMonth = months.map((m) => wheel.entries.filter((e) => e.dueMonth === m));
  const summary = t('wheel.summary', {
    title: wheel.title,
    count: wheel.entries.length,
    months: perMonth
      .map((list, i) => (list.length ? t('wheel.summaryMonth', { month: monthName(i + 1, lang), count: list.length }) : ''))
      .filter(Boolean)
      .join(', '),
  });
  const todayAngle = today.year === wheel.year ? angle(today.month - 1 + (today.day - 0.5) / today.daysInMonth) : null;
  const todayEnd = todayAngle === null ? null : at(todayAngle, R + 4);
  const todayStart = todayAngle === null ? null : at(todayAngle, R * 0.22);

  return (
    <div className="wheel-figure">
      <svg viewBox={`0 0 ${SIZE} ${SIZE}`} role="img" aria-label={summary} className="wheel-figure__svg">
        {months.map((m) => {
          const label = at(angle(m - 0.5), R * 0.84);
          return (
            <g key={m}>
              <path d={sector(m)} className={m % 2 ? 'wheel-sector wheel-sector--odd' : 'wheel-sector'} />
              <text x={label.x} y={label.y} className="wheel-month" textAnchor="middle" dominantBaseline="middle">
                {monthName(m, lang).slice(0, 3)}
              </text>
            </g>
          );
        })}
        <circle cx={C} cy={C} r={R * 0.22} className="wheel-hub" />
        <text x={C} y={C} className="wheel-year" textAnchor="middle" dominantBaseline="middle">
          {wheel.year}
        </text>
        {todayEnd && todayStart ? (
          <g className="wheel-today">
            <line x1={todayStart.x} y1={todayStart.y} x2={todayEnd.x} y2={todayEnd.y} />
            <circle cx={todayEnd.x} cy={todayEnd.y} r={5} />
          </g>
        ) : null}
      </svg>
      <ul className="wheel-figure__dots" aria-label={t('wheel.dots')}>
        {perMonth.flatMap((list, i) =>
          list.map((e, j) => {
            const a = angle(i + (j + 1) / (list.length + 1));
            const r = R * (list.length > 2 && j % 2 ? 0.45 : 0.62);
            const p = at(a, r);
            const n = numbers.get(e.id) ?? 0;
            return (
              <li key={e.id} style={{ left: `${(p.x / SIZE) * 100}%`, top: `${(p.y / SIZE) * 100}%` }}>
                <button
                  type="button"
                  className={`wheel-dot wheel-dot--${stateOf(e)}`}
                  aria-label={t('wheel.dotLabel', { number: n, title: e.title, month: monthName(i + 1, lang) })}
                  title={e.title}
                  onClick={() => onOpen(e.id)}
                >
                  {n}
                </button>
              </li>
            );
          }),
        )}
      </ul>
    </div>
  );
}
