// "Log ind med organisationens konto": shown on the login page when the server has OpenID Connect
// set up (GET /api/auth/methods), and the reason a sign-in there came back refused (?oidc_error=).
import { useEffect, useMemo, useState } from 'react';
import { api } from '../api.ts';
import { useI18n, type Lang } from '../i18n/index.tsx';
import { problemText } from '../shared/errors.ts';
import { isReason } from '../../../src/shared/reasons.ts';

interface Methods {
  password: boolean;
  oidc: { label: string | null } | null;
}

const words: Record<Lang, { or: string; button: string; heading: string }> = {
  da: { or: 'eller', button: 'Log ind med organisationens konto', heading: 'Log ind med organisationens konto lykkedes ikke' },
  en: { or: 'or', button: "Sign in with your organization's account", heading: "Signing in with your organization's account did not work" },
};

export function OidcButton({ next }: { next: string }) {
  const { t, lang } = useI18n();
  const [methods, setMethods] = useState<Methods | null>(null);
  useEffect(() => {
    api<Methods>('GET', '/api/auth/methods').then(setMethods, () => setMethods(null));
  }, []);
  // The server sends a refused sign-in back here with its reason and params in the address.
  const refusal = useMemo(() => {
    const query = new URLSearchParams(window.location.search);
    const reason = query.get('oidc_error');
    if (!reason || !isReason(reason)) return '';
    const params = Object.fromEntries([...query].filter(([k]) => k !== 'oidc_error' && k !== 'next'));
    return problemText({ reason, params }, t);
  }, [t]);
  const w = words[lang];
  if (!methods?.oidc && !refusal) return null;
  return (
    <div className="oidc-sign-in">
      {refusal && (
        <div role="alert" className="notice notice--error">
          <strong>{w.heading}:</strong> {refusal}
        </div>
      )}
      {methods?.oidc && (
        <>
          <p className="oidc-sign-in__or">{w.or}</p>
          <a className="button" href={`/api/auth/oidc/login?${new URLSearchParams({ next })}`}>
            {methods.oidc.label ?? w.button}
          </a>
        </>
      )}
    </div>
  );
}
