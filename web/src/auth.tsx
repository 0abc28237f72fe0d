import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import type { Me, Role } from '../../src/api-types.ts';
import { api, ApiRequestError, rememberCsrfToken, setUnauthorizedHandler } from './api.ts';
import { navigate } from './router.tsx';

/**
 * Who is signed in. `checking` until the first /api/auth/me answer; then either a user, or the
 * reason there is none: the first admin must be created (`setup`), or a login is needed.
 */
export type AuthState =
  | { kind: 'checking' }
  | { kind: 'setup' }
  | { kind: 'signed_out'; expired: boolean }
  | { kind: 'signed_in'; me: Me }
  | { kind: 'unreachable'; message: string };

interface AuthContextValue {
  state: AuthState;
  /** After login, setup or a password change: adopt the user the server returned. */
  signIn: (me: Me) => void;
  signOut: () => Promise<void>;
  /** Ask the server again (after enrolling TOTP, changing a password). */
  refresh: () => Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

async function loadState(expired: boolean): Promise<AuthState> {
  try {
    const me = await api.me();
    rememberCsrfToken(me.csrfToken);
    return { kind: 'signed_in', me };
  } catch (err) {
    if (!(err instanceof ApiRequestError) || err.status === 0) {
      return { kind: 'unreachable', message: (err as Error).message };
    }
    if (err.status !== 401) return { kind: 'unreachable', message: err.message };
  }
  try {
    const setup = await api.setupStatus();
    return setup.needsSetup ? { kind: 'setup' } : { kind: 'signed_out', expired };
  } catch (err) {
    return { kind: 'unreachable', message: (err as Error).message };
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ kind: 'checking' });

  const refresh = useCallback(async () => setState(await loadState(false)), []);

  useEffect(() => {
    void refresh();
    // Any API call answered 401 means the session ended (timeout, revoked): show the login again.
    setUnauthorizedHandler(() => setState({ kind: 'signed_out', expired: true }));
    return () => setUnauthorizedHandler(null);
  }, [refresh]);

  const signIn = useCallback((me: Me) => {
    rememberCsrfToken(me.csrfToken);
    setState({ kind: 'signed_in', me });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      rememberCsrfToken('');
      // Whoever signs in next starts at the dashboard, not on the previous person's page. (An
      // expired session keeps the address, so signing in again returns to the same place.)
      navigate('/', { replace: true });
      setState({ kind: 'signed_out', expired: false });
    }
  }, []);

  const value = useMemo(
    () => ({ state, signIn, signOut, refresh }),
    [state, signIn, signOut, refresh],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** The signed-in user; only call below the sign-in gate. */
export function useMe(): Me {
  const { state } = useAuth();
  if (state.kind !== 'signed_in') throw new Error('useMe without a signed-in user');
  return state.me;
}

/** Whether the role may change findings, assets and imports. Auditors read only. */
export const canWrite = (role: Role) => role === 'admin' || role === 'analyst';
