// The minutes recorded at a meeting: who attended and how the votes went. The secretariat records
// them while the meeting runs and until its minutes are approved; whoever sees the meeting reads them.
import { lazy, Suspense, useEffect, useState } from 'react';
import type { MeetingDetail, MeetingState } from '../../../src/meetings/schemas.ts';
import type { AttendanceView, VoteEventView } from '../../../src/minutes/schemas.ts';
import { useI18n } from '../i18n/index.tsx';
import { errorMessage } from '../shared/errors.ts';
import { minutesApi } from './api.ts';
import { AttendanceSection } from './AttendanceSection.tsx';
import { VotesSection } from './VotesSection.tsx';
import './minutes.css';

// The secretariat's forms load only for the secretariat: readers of the minutes get the record alone.
const ItemApprovals = lazy(() => import('./ItemApprovals.tsx').then((m) => ({ default: m.ItemApprovals })));
const CorrectionForm = lazy(() => import('./CorrectionForm.tsx').then((m) => ({ default: m.CorrectionForm })));

const SHOWN: MeetingState[] = ['in_progress', 'held', 'minutes_approved'];

export function MeetingMinutes({ meeting, onChanged }: { meeting: MeetingDetail; onChanged: () => void }) {
  const { t } = useI18n();
  const [attendance, setAttendance] = useState<AttendanceView[] | null>(null);
  const [votes, setVotes] = useState<VoteEventView[] | null>(null);
  const [loadError, setLoadError] = useState('');
  const shown = SHOWN.includes(meeting.state);
  const mayRecord = meeting.abilities.recordMinutes;

  // Re-read whenever the meeting is re-read: live updates then bring others' records too.
  useEffect(() => {
    if (!shown) return;
    let current = true;
    Promise.all([minutesApi.attendance(meeting.id), minutesApi.votes(meeting.id)])
      .then(([a, v]) => {
        if (!current) return;
        setAttendance(a);
        setVotes(v);
        setLoadError('');
      })
      .catch((err: unknown) => current && setLoadError(t('minutes.loadFailed', { message: errorMessage(err, t) })));
    return () => {
      current = false;
    };
  }, [meeting, shown, t]);

  if (!shown) return null;
  return (
    <div className="meeting-minutes">
      {loadError ? <p className="notice notice--error">{loadError}</p> : null}
      <Suspense fallback={null}>
        <ItemApprovals meeting={meeting} onLocked={onChanged} />
        {meeting.abilities.correctMinutes ? <CorrectionForm meeting={meeting} onCorrected={onChanged} /> : null}
      </Suspense>
      <AttendanceSection meeting={meeting} attendance={attendance} mayRecord={mayRecord} onChange={setAttendance} />
      <VotesSection
        meeting={meeting}
        attendance={attendance ?? []}
        votes={votes}
        mayRecord={mayRecord}
        onRecorded={(v) => setVotes((list) => [...(list ?? []), v])}
      />
    </div>
  );
}
