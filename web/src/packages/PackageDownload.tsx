// The meeting package (mødepakke): asks the server to build it, shows how far it has come, then
// offers the PDF (and the ZIP of separate files). Members who see closed items get their edition too.
import { useEffect, useRef, useState } from 'react';
import type { MeetingDetail } from '../../../src/meetings/schemas.ts';
import { api } from '../api.ts';
import { Link } from '../app/router.tsx';
import { useI18n } from '../i18n/index.tsx';
import { errorMessage } from '../shared/errors.ts';

type Audience = 'member' | 'public';

interface PackageStatus {
  state: 'building' | 'ready' | 'failed';
  done: number;
  total: number;
  error?: string;
}

const POLL_MS = 400;

function Edition({ meeting, audience }: { meeting: MeetingDetail; audience: Audience }) {
  const { t, lang } = useI18n();
  const [status, setStatus] = useState<PackageStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const readyLink = useRef<HTMLAnchorElement>(null);
  const query = `audience=${audience}&lang=${lang}`;
  const base = `/api/meetings/${meeting.id}/package`;

  // A poll answered after the component is gone (the meeting changed: see the key below) is dropped.
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
      window.clearTimeout(timer.current);
    };
  }, []);
  useEffect(() => {
    if (status?.state === 'ready') readyLink.current?.focus();
  }, [status?.state]);

  const poll = async () => {
    try {
      const s = await api<PackageStatus>('POST', `${base}?${query}`);
      if (!alive.current) return;
      setStatus(s);
      setError(null);
      if (s.state === 'building') timer.current = window.setTimeout(() => void poll(), POLL_MS);
    } catch (e) {
      if (alive.current) setError(errorMessage(e, t));
    }
  };

  const label = audience === 'member' ? t('package.member') : t('package.public');
  return (
    <div className="package-edition">
      <button type="button" className="button" onClick={() => void poll()} disabled={status?.state === 'building'}>
        {t('package.build', { edition: label })}
      </button>
      {status?.state === 'building' ? (
        // Not announced at every step: the bar speaks for itself when visited; "ready" is announced.
        <label className="package-edition__progress">
          {t('package.progress', { done: status.done, total: status.total })} <progress value={status.done} max={status.total} />
        </label>
      ) : null}
      <div aria-live="polite" className="package-edition__status">
        {status?.state === 'ready' ? (
          <span>
            <a ref={readyLink} href={`${base}.pdf?${query}`} target="_blank" rel="noopener">
              {t('package.open', { edition: label })}
            </a>{' '}
            ·{' '}
            <Link to={`/meetings/${meeting.id}/laes?udgave=${audience === 'member' ? 'medlem' : 'offentlig'}`}>
              {t('reader.readPackageEdition', { edition: label })}
            </Link>{' '}
            · <a href={`${base}.zip?${query}`}>{t('package.zip')}</a>
          </span>
        ) : null}
        {status?.state === 'failed' ? <span className="notice notice--error">{t('package.failed', { reason: status.error ?? '' })}</span> : null}
        {error ? <span className="notice notice--error">{error}</span> : null}
      </div>
    </div>
  );
}

export function PackageDownload({ meeting }: { meeting: MeetingDetail }) {
  const { t, lang } = useI18n();
  const agenda = `/api/meetings/${meeting.id}/agenda`;
  const edition = `${meeting.agendaVersion}|${meeting.modified}|${lang}`;
  return (
    <section className="package" aria-labelledby="package-heading">
      <h2 id="package-heading">{t('package.heading')}</h2>
      <p>
        <Link className="button button--primary" to={`/meetings/${meeting.id}/laes`}>
          {t('reader.readPackage')}
        </Link>
      </p>
      <p>
        <a href={`${agenda}.pdf?lang=${lang}`}>{t('package.agendaPdf')}</a> · <a href={`${agenda}.docx?lang=${lang}`}>{t('package.agendaDocx')}</a>
      </p>
      <p className="field__hint">{t('package.hint')}</p>
      {/* A change to the meeting may change the package: a new key starts the editions afresh. */}
      {meeting.abilities.readClosed ? <Edition key={`m|${edition}`} meeting={meeting} audience="member" /> : null}
      <Edition key={`p|${edition}`} meeting={meeting} audience="public" />
    </section>
  );
}
