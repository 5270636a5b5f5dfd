// /indstillinger/skabelon: a secretariat's template of proposal sections for its body — the headings
// in order; "Indstilling" (the at-points) always stays. Proposals written afterwards follow it.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { TemplateView } from '../../../src/proposals/schemas.ts';
import { templateBody } from '../../../src/proposals/schemas.ts';
import { api } from '../api.ts';
import { Link } from '../app/router.tsx';
import { useI18n } from '../i18n/index.tsx';
import { meetingsApi } from '../meetings/api.ts';
import { useAnnounce } from '../shared/announce.tsx';
import { issuesToFieldErrors } from '../shared/errors.ts';
import { SelectField, TextField } from '../shared/Field.tsx';
import { useDocumentTitle } from '../shared/useDocumentTitle.ts';
import { FormSummary, topLevelIn, useFormSubmit } from '../shared/useFormSubmit.tsx';

/** The section that holds the at-points (src/proposals/model.ts RECOMMENDATION). */
const AT_POINTS = 'recommendation';

/** A key for a new heading: letters only, unique among the template's. */
function keyFor(heading: string, taken: string[]): string {
  const base =
    heading
      .normalize('NFD')
      .replace(/[^a-zA-Z0-9 ]/g, '')
      .split(' ')
      .filter(Boolean)
      .map((w, i) => (i === 0 ? w.toLowerCase() : w[0].toUpperCase() + w.slice(1).toLowerCase()))
      .join('')
      .replace(/^[0-9]+/, '') || 'section';
  let key = base.slice(0, 36);
  for (let n = 2; taken.includes(key); n++) key = `${base.slice(0, 36)}${n}`;
  return key;
}

export function TemplatePage() {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [bodies, setBodies] = useState<{ id: string; name: string }[] | null>(null);
  const [bodyId, setBodyId] = useState('');
  const [sections, setSections] = useState<{ key: string; heading: string }[] | null>(null);
  const [own, setOwn] = useState(false);
  const [newHeading, setNewHeading] = useState('');
  const { errors, formError, busy, summaryRef, submit: send } = useFormSubmit(topLevelIn({ sections: '' }));
  const focusKey = useRef<string | null>(null);
  useDocumentTitle(t('template.title'));

  useEffect(() => {
    meetingsApi
      .list('upcoming')
      .then((l) => {
        setBodies(l.canCreateIn);
        setBodyId((id) => id || l.canCreateIn[0]?.id || '');
      })
      .catch(() => setBodies([]));
  }, []);
  useEffect(() => {
    if (!bodyId) return;
    api<TemplateView>('GET', `/api/organizations/${encodeURIComponent(bodyId)}/proposal-template`)
      .then((v) => {
        setSections(v.sections);
        setOwn(v.own);
      })
      .catch(() => setSections(null));
  }, [bodyId]);
  useEffect(() => {
    if (focusKey.current) document.querySelector<HTMLInputElement>(`input[name="heading-${focusKey.current}"]`)?.focus();
    focusKey.current = null;
  });

  const move = (i: number, by: -1 | 1) => {
    if (!sections) return;
    const next = [...sections];
    [next[i], next[i + by]] = [next[i + by], next[i]];
    focusKey.current = sections[i].key;
    setSections(next);
    announce(t('template.moved', { heading: sections[i].heading, position: i + by + 1 }));
  };
  const save = (e: FormEvent) => {
    e.preventDefault();
    const body = { sections: sections ?? [] };
    const parsed = templateBody.safeParse(body);
    // Each heading's own error beside it; anything else about the whole list in the summary.
    const found: Record<string, string> = {};
    for (const s of body.sections) if (!s.heading.trim()) found[`heading-${s.key}`] = t('validation.required');
    if (!parsed.success && Object.keys(found).length === 0)
      found.sections = Object.values(issuesToFieldErrors(parsed.error.issues, t))[0] ?? t('error.formSummary');
    void send(found, async () => {
      const v = await api<TemplateView>('PUT', `/api/organizations/${encodeURIComponent(bodyId)}/proposal-template`, body);
      setSections(v.sections);
      setOwn(v.own);
      announce(t('template.saved'));
    });
  };

  return (
    <div className="narrow">
      <p className="breadcrumb">
        <Link to="/indstillinger">{t('proposal.back')}</Link>
      </p>
      <h1 id="template-heading">{t('template.title')}</h1>
      <p className="lead">{t('template.intro')}</p>
      {bodies && bodies.length === 0 ? <p className="notice notice--error">{t('template.none')}</p> : null}
      {bodies && bodies.length > 1 ? (
        <SelectField label={t('template.body')} name="body" value={bodyId} onChange={(e) => setBodyId(e.target.value)}>
          {bodies.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </SelectField>
      ) : null}
      {sections ? (
        <form onSubmit={save} noValidate className="form" aria-labelledby="template-heading">
          <FormSummary summaryRef={summaryRef} message={errors.sections ?? formError} />
          <p data-testid="template-origin">{own ? t('template.own') : t('template.seed')}</p>
          <ol className="template-sections">
            {sections.map((s, i) => (
              <li key={s.key} className="template-sections__row">
                <TextField
                  label={t('template.heading', { number: i + 1 })}
                  name={`heading-${s.key}`}
                  error={errors[`heading-${s.key}`]}
                  value={s.heading}
                  onChange={(e) => setSections(sections.map((x) => (x.key === s.key ? { ...x, heading: e.target.value } : x)))}
                  required
                />
                <button
                  type="button"
                  className="button button--small"
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                  aria-label={t('template.up', { heading: s.heading })}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="button button--small"
                  disabled={i === sections.length - 1}
                  onClick={() => move(i, 1)}
                  aria-label={t('template.down', { heading: s.heading })}
                >
                  ↓
                </button>
                {s.key === AT_POINTS ? (
                  <span className="field__hint">{t('template.atPoints')}</span>
                ) : (
                  <button
                    type="button"
                    className="button button--small"
                    aria-label={t('template.remove', { heading: s.heading })}
                    onClick={() => setSections(sections.filter((x) => x.key !== s.key))}
                  >
                    {t('template.removeShort')}
                  </button>
                )}
              </li>
            ))}
          </ol>
          <div className="form__row">
            <TextField label={t('template.new')} name="newHeading" value={newHeading} onChange={(e) => setNewHeading(e.target.value)} />
            <button
              type="button"
              className="button"
              disabled={!newHeading.trim()}
              onClick={() => {
                const key = keyFor(
                  newHeading,
                  sections.map((x) => x.key),
                );
                focusKey.current = key;
                setSections([...sections, { key, heading: newHeading.trim() }]);
                setNewHeading('');
              }}
            >
              {t('template.add')}
            </button>
          </div>
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={busy}>
              {t('template.save')}
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
