// Who is logged in: loaded once from GET /api/session, changed by logging in and out.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SessionUser } from '../../../src/meetings/schemas.ts';
import { api } from '../api.ts';

interface Session {
  /** undefined while the first request is in flight. */
  user: SessionUser | null | undefined;
  login: (username: string, password: string) => Promise<SessionUser>;
  logout: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null | undefined>(undefined);

  useEffect(() => {
    api<{ user: SessionUser | null }>('GET', '/api/session')
      .then((res) => setUser(res.user ?? null))
      .catch(() => setUser(null));
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const res = await api<{ user: SessionUser }>('POST', '/api/session', { username, password });
    setUser(res.user);
    return res.user;
  }, []);

  const logout = useCallback(async () => {
    await api<void>('DELETE', '/api/session');
    setUser(null);
  }, []);

  const value = useMemo(() => ({ user, login, logout }), [user, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession must be used inside <SessionProvider>');
  return ctx;
}
