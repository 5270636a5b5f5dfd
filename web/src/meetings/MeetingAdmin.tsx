// What the secretariat may do to the meeting itself: edit its fields, change its state, delete it.
import { useState } from 'react';
import type { MeetingDetail } from '../../../src/meetings/schemas.ts';
import { navigate } from '../app/router.tsx';
import { useI18n } from '../i18n/index.tsx';
import { toLocalInput } from '../i18n/format.ts';
import { useAnnounce } from '../shared/announce.tsx';
import { ConfirmButton } from '../shared/ConfirmButton.tsx';
import { errorMessage } from '../shared/errors.ts';
import { meetingsApi } from './api.ts';
import { MeetingForm } from './MeetingForm.tsx';
import { ApproveMinutes } from '../minutes/ApproveMinutes.tsx';
import type { MeetingState } from './useMeeting.ts';

export function MeetingAdmin({ meeting, run }: { meeting: MeetingDetail; run: MeetingState['run'] }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState('');
  const { editMeeting } = meeting.abilities;
  // Starting and ending the meeting happen in the live panel, which records the actual times;
  // approving the minutes has its own control (a reason where the members approve digitally).
  const nextStates = meeting.abilities.nextStates.filter((s) => s !== 'in_progress' && s !== 'held' && s !== 'minutes_approved');
  if (!editMeeting && nextStates.length === 0 && !meeting.abilities.approveMinutes) return null;

  const remove = async () => {
    try {
      await meetingsApi.remove(meeting.id);
      announce(t('meeting.deleted'));
      navigate('/');
    } catch (err) {
      setError(errorMessage(err, t));
    }
  };

  return (
    <section className="meeting-admin" aria-label={t('meeting.actions')}>
      {error ? (
        <p role="status" className="notice notice--error">
          {error}
        </p>
      ) : null}
      {editing ? (
        <MeetingForm
          initial={{
            organizationId: meeting.organization.id,
            title: meeting.title,
            start: toLocalInput(meeting.start),
            end: toLocalInput(meeting.end),
            location: meeting.location ?? '',
            proposalDeadline: meeting.proposalDeadline ? toLocalInput(meeting.proposalDeadline) : '',
          }}
          submitLabel={t('meeting.save')}
          onCancel={() => setEditing(false)}
          onSubmit={async (v) => {
            const updated = await run(
              () =>
                meetingsApi.update(meeting.id, {
                  title: v.title,
                  start: v.start,
                  end: v.end,
                  location: v.location,
                  proposalDeadline: v.proposalDeadline || null,
                }),
              {
                rethrow: true,
                success: () => t('meeting.saved'),
              },
            );
            if (updated) setEditing(false);
          }}
        />
      ) : (
        <div className="toolbar">
          {editMeeting ? (
            <button type="button" className="button" onClick={() => setEditing(true)}>
              {t('meeting.edit')}
            </button>
          ) : null}
          {nextStates.length > 0 ? (
            <div role="group" aria-label={t('meeting.changeState')} className="toolbar__group">
              {nextStates.map((state) => (
                <button
                  key={state}
                  type="button"
                  className={state === 'cancelled' ? 'button button--danger-quiet' : state === 'planned' ? 'button' : 'button button--primary'}
                  onClick={() =>
                    void run(() => meetingsApi.changeState(meeting.id, state), {
                      success: (m) => t('state.changed', { state: t(`state.${m.state}`) }),
                    })
                  }
                >
                  {t(`stateAction.${state}`)}
                </button>
              ))}
            </div>
          ) : null}
          <ApproveMinutes meeting={meeting} run={run} />
          {meeting.abilities.editAgenda && (meeting.state === 'planned' || meeting.state === 'agenda_published') ? (
            <button
              type="button"
              className="button"
              onClick={() => void run(() => meetingsApi.addMinutesApproval(meeting.id), { success: () => t('minutes.approvalAdded') })}
            >
              {t('minutes.addApproval')}
            </button>
          ) : null}
          {meeting.abilities.deleteMeeting ? (
            <ConfirmButton
              label={t('meeting.delete')}
              question={t('meeting.deleteConfirm', { title: meeting.title })}
              confirmLabel={t('meeting.deleteYes')}
              cancelLabel={t('item.deleteNo')}
              onConfirm={remove}
            />
          ) : null}
        </div>
      )}
    </section>
  );
}
