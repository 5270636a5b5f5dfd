// "Fremmøde": the committee's members with their party group, and whether each was present, absent
// (with a reason) or left after an item. The secretariat's choices are saved as they are made.
import { useEffect, useState, type Dispatch, type SetStateAction } from 'react';
import type { MeetingDetail } from '../../../src/meetings/schemas.ts';
import type { AttendanceView } from '../../../src/minutes/schemas.ts';
import { useI18n, type T } from '../i18n/index.tsx';
import { minutesApi, minutesErrorText, type AttendanceBody } from './api.ts';

interface Props {
  meeting: MeetingDetail;
  attendance: AttendanceView[] | null;
  mayRecord: boolean;
  onChange: Dispatch<SetStateAction<AttendanceView[] | null>>;
}

export const itemTitle = (item: MeetingDetail['items'][number]) => (item.restricted ? (item.publicTitle ?? item.title) : item.title);

const memberName = (row: AttendanceView, t: T) => (row.role === 'chair' ? `${row.person.name} (${t('attendance.chair')})` : row.person.name);

export function AttendanceSection({ meeting, attendance, mayRecord, onChange }: Props) {
  const { t } = useI18n();
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);

  const save = async (row: AttendanceView, body: AttendanceBody) => {
    const replace = (next: AttendanceView) => onChange((list) => list && list.map((a) => (a.person.id === next.person.id ? next : a)));
    // Show the choice at once; the server's list replaces it when it answers.
    replace({ ...row, present: body.present, reason: body.reason ?? null, leftAfterItemId: body.leftAfterItemId ?? null });
    try {
      onChange(await minutesApi.setAttendance(meeting.id, row.person.id, body));
      setStatus({ ok: true, text: t('attendance.saved', { name: row.person.name }) });
    } catch (err) {
      replace(row);
      setStatus({ ok: false, text: t('attendance.failed', { name: row.person.name, message: minutesErrorText(err, t) }) });
    }
  };

  return (
    <section className="attendance" aria-labelledby="attendance-heading" data-testid="attendance">
      <h2 id="attendance-heading">{t('attendance.heading')}</h2>
      {mayRecord ? <p className="hint">{t('attendance.hint')}</p> : null}
      {attendance === null ? (
        <p className="loading">{t('app.loading')}</p>
      ) : attendance.length === 0 ? (
        <p className="empty">{t('attendance.none')}</p>
      ) : (
        <table className="table table--stack minutes-table">
          <thead>
            <tr>
              <th scope="col">{t('attendance.member')}</th>
              <th scope="col">{t('attendance.group')}</th>
              <th scope="col">{t('attendance.status')}</th>
              <th scope="col">{t('attendance.reason')}</th>
              <th scope="col">{t('attendance.leftAfter')}</th>
            </tr>
          </thead>
          <tbody>
            {attendance.map((row) =>
              mayRecord ? (
                <EditableRow key={row.person.id} meeting={meeting} row={row} save={save} />
              ) : (
                <tr key={row.person.id}>
                  <th scope="row">{memberName(row, t)}</th>
                  <td data-label={t('attendance.group')}>{row.group ?? '–'}</td>
                  <td data-label={t('attendance.status')}>
                    {row.present === null ? t('attendance.unknown') : row.present ? t('attendance.present') : t('attendance.absent')}
                  </td>
                  <td data-label={t('attendance.reason')}>{row.reason ?? ''}</td>
                  <td data-label={t('attendance.leftAfter')}>{leftAfterText(meeting, row, t)}</td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      )}
      {mayRecord ? (
        <div role="status" className={status ? `notice ${status.ok ? 'notice--ok' : 'notice--error'}` : undefined} data-testid="attendance-status">
          {status?.text}
        </div>
      ) : null}
    </section>
  );
}

function leftAfterText(meeting: MeetingDetail, row: AttendanceView, t: T): string {
  const item = meeting.items.find((i) => i.id === row.leftAfterItemId);
  return item ? t('attendance.itemNumber', { number: item.number }) : '';
}

interface RowProps {
  meeting: MeetingDetail;
  row: AttendanceView;
  save: (row: AttendanceView, body: AttendanceBody) => Promise<void>;
}

function EditableRow({ meeting, row, save }: RowProps) {
  const { t } = useI18n();
  const [reason, setReason] = useState(row.reason ?? '');
  useEffect(() => setReason(row.reason ?? ''), [row.reason]);
  const name = row.person.name;
  const current = { present: row.present ?? true, reason: row.reason, leftAfterItemId: row.leftAfterItemId };

  const saveReason = () => {
    if (reason.trim() === (row.reason ?? '')) return;
    void save(row, { ...current, reason: reason.trim() || null });
  };

  return (
    <tr>
      <th scope="row">{memberName(row, t)}</th>
      <td>{row.group ?? '–'}</td>
      <td>
        <fieldset className="choice">
          <legend className="visually-hidden">{t('attendance.legend', { name })}</legend>
          {([true, false] as const).map((present) => (
            <label key={String(present)} className="choice__option">
              <input
                type="radio"
                name={`attendance-${row.person.id}`}
                checked={row.present === present}
                // Someone absent cannot have left after an item.
                onChange={() => void save(row, { ...current, present, leftAfterItemId: present ? row.leftAfterItemId : null })}
              />
              {present ? t('attendance.present') : t('attendance.absent')}
            </label>
          ))}
        </fieldset>
      </td>
      <td>
        {row.present !== null ? (
          <>
            <label className="visually-hidden" htmlFor={`reason-${row.person.id}`}>
              {t('attendance.reasonLabel', { name })}
            </label>
            <input
              id={`reason-${row.person.id}`}
              value={reason}
              maxLength={300}
              onChange={(e) => setReason(e.target.value)}
              onBlur={saveReason}
              onKeyDown={(e) => {
                if (e.key === 'Enter') saveReason();
              }}
            />
          </>
        ) : null}
      </td>
      <td>
        {row.present ? (
          <>
            <label className="visually-hidden" htmlFor={`left-${row.person.id}`}>
              {t('attendance.leftAfterLabel', { name })}
            </label>
            <select
              id={`left-${row.person.id}`}
              value={row.leftAfterItemId ?? ''}
              onChange={(e) => void save(row, { ...current, leftAfterItemId: e.target.value || null })}
            >
              <option value="">{t('attendance.stayed')}</option>
              {meeting.items.map((i) => (
                <option key={i.id} value={i.id}>
                  {t('attendance.itemOption', { number: i.number, title: itemTitle(i) })}
                </option>
              ))}
            </select>
          </>
        ) : null}
      </td>
    </tr>
  );
}
