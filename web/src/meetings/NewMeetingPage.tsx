// /meetings/new: create a meeting in one of the committees the user may plan for.
import { useEffect, useState } from 'react';
import type { MeetingList } from '../../../src/meetings/schemas.ts';
import { Link, navigate } from '../app/router.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useAnnounce } from '../shared/announce.tsx';
import { errorMessage } from '../shared/errors.ts';
import { useDocumentTitle } from '../shared/useDocumentTitle.ts';
import { meetingsApi } from './api.ts';
import { MeetingForm } from './MeetingForm.tsx';

export function NewMeetingPage() {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [canCreateIn, setCanCreateIn] = useState<MeetingList['canCreateIn'] | null>(null);
  const [error, setError] = useState('');
  useDocumentTitle(t('meeting.newTitle'));

  useEffect(() => {
    meetingsApi
      .list('upcoming')
      .then((list) => setCanCreateIn(list.canCreateIn))
      .catch((err) => setError(errorMessage(err, t)));
    // Load once; switching language must not refetch.
  }, []);

  return (
    <div className="narrow">
      <p className="breadcrumb">
        <Link to="/">{t('meeting.back')}</Link>
      </p>
      <h1>{t('meeting.newTitle')}</h1>
      {error ? <p className="notice notice--error">{error}</p> : null}
      {canCreateIn === null && !error ? <p className="loading">{t('app.loading')}</p> : null}
      {canCreateIn && canCreateIn.length === 0 ? <p className="notice notice--error">{t('error.forbidden')}</p> : null}
      {canCreateIn && canCreateIn.length > 0 ? (
        <MeetingForm
          organizations={canCreateIn}
          initial={{ organizationId: canCreateIn.length === 1 ? canCreateIn[0].id : '', title: '', start: '', end: '', location: '', proposalDeadline: '' }}
          submitLabel={t('meeting.create')}
          onSubmit={async (v) => {
            const created = await meetingsApi.create({
              organizationId: v.organizationId,
              title: v.title,
              start: v.start,
              end: v.end,
              location: v.location.trim() ? v.location : undefined,
              proposalDeadline: v.proposalDeadline || undefined,
            });
            announce(t('meeting.created'));
            navigate(`/meetings/${created.id}`);
          }}
        />
      ) : null}
    </div>
  );
}
