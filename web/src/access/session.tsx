// Who is logged in: loaded once from GET /api/session, changed by logging in and out. A login may
// take a second step (a TOTP code), and a user whose role requires TOTP and who has none is logged
// in only to set it up (enrolTotp) until that is done.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SessionUser } from '../../../src/meetings/schemas.ts';
import { api } from '../api.ts';

/** What a correct password leads to. */
export type LoginStep = { kind: 'user'; user: SessionUser } | { kind: 'totp'; pendingToken: string } | { kind: 'enrol' };

interface SessionAnswer {
  user: SessionUser | null;
  totpRequired?: boolean;
  pendingToken?: string;
  enrolTotp?: boolean;
}

interface Session {
  /** undefined while the first request is in flight. */
  user: SessionUser | null | undefined;
  /** Logged in, but two-step login must be set up before anything else. */
  enrolTotp: boolean;
  login: (username: string, password: string) => Promise<LoginStep>;
  /** The second step: the token from login and a code from the app, or a recovery code. */
  loginWithCode: (pendingToken: string, code: string) => Promise<SessionUser>;
  /** After enrolment finished: the session is the user's now. */
  setUser: (user: SessionUser) => void;
  logout: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

// Asked as soon as the app's script runs, not after its first render: a page whose code is fetched
// alongside the shell (the reader's pdf.js) would otherwise hold the question back while it loads.
const firstAnswer: Promise<SessionAnswer> = api<SessionAnswer>('GET', '/api/session');
firstAnswer.catch(() => undefined);

/** Whether someone is signed in, as the server first answered (false when it could not be asked). */
export const signedInAtStart: Promise<boolean> = firstAnswer.then(
  (res) => !!res.user,
  () => false,
);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUserState] = useState<SessionUser | null | undefined>(undefined);
  const [enrolTotp, setEnrolTotp] = useState(false);

  useEffect(() => {
    firstAnswer
      .then((res) => {
        setUserState(res.user ?? null);
        setEnrolTotp(!!res.enrolTotp);
      })
      .catch(() => setUserState(null));
  }, []);

  const login = useCallback(async (username: string, password: string): Promise<LoginStep> => {
    const res = await api<SessionAnswer>('POST', '/api/session', { username, password });
    if (res.totpRequired && res.pendingToken) return { kind: 'totp', pendingToken: res.pendingToken };
    if (res.enrolTotp) {
      setEnrolTotp(true);
      return { kind: 'enrol' };
    }
    setUserState(res.user);
    return { kind: 'user', user: res.user! };
  }, []);

  const loginWithCode = useCallback(async (pendingToken: string, code: string) => {
    const res = await api<{ user: SessionUser }>('POST', '/api/session/totp', { pendingToken, code });
    setUserState(res.user);
    return res.user;
  }, []);

  const setUser = useCallback((next: SessionUser) => {
    setEnrolTotp(false);
    setUserState(next);
  }, []);

  const logout = useCallback(async () => {
    await api<void>('DELETE', '/api/session');
    setEnrolTotp(false);
    setUserState(null);
  }, []);

  const value = useMemo(() => ({ user, enrolTotp, login, loginWithCode, setUser, logout }), [user, enrolTotp, login, loginWithCode, setUser, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession must be used inside <SessionProvider>');
  return ctx;
}
