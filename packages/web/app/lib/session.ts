import { call, csrfToken, get, send, whenSignedOut } from './api.js';
import { store } from './store.js';
import type { User } from './types.js';

/** Who is signed in: undefined while finding out, null when nobody is. */
export const me$ = store<User | null | undefined>(undefined);

whenSignedOut(() => me$.set(null));

/**
 * Finds out who is signed in. The session cookie is HttpOnly, so the readable CSRF cookie
 * beside it is the hint: without one nobody is, and no request is spent on asking.
 */
export async function loadSession(): Promise<void> {
  if (!csrfToken()) return me$.set(null);
  try {
    me$.set(await get<User>('/v1/me'));
  } catch {
    me$.set(null);
  }
}

interface Credentials {
  handle: string;
  password: string;
  displayName?: string;
  isCreator?: boolean;
}

/** Signs in (or up) for a session cookie: the token itself never reaches this script. */
export async function signIn(mode: 'login' | 'register', c: Credentials): Promise<User> {
  const { data } = await call<{ user: User }>('POST', `/v1/auth/${mode}`, { body: { ...c, session: 'cookie' } });
  me$.set(data.user);
  return data.user;
}

export async function signOut(): Promise<void> {
  await send('POST', '/v1/auth/logout').catch(() => undefined);
  me$.set(null);
}
