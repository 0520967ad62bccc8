import { HANDLE_PATTERN, PASSWORD_MAX, PASSWORD_MIN, type User } from '@livedrops/core';
import { z } from 'zod';
import { Id, iso, Timestamp } from './common.schema.js';

export const UserJson = z
  .object({ id: Id, handle: z.string(), displayName: z.string(), isCreator: z.boolean(), createdAt: Timestamp })
  .meta({ id: 'User' });

export function userJson(u: User): z.infer<typeof UserJson> {
  return {
    id: u.id,
    handle: u.handle,
    displayName: u.displayName,
    isCreator: u.isCreator,
    createdAt: iso(u.createdAt),
  };
}

/** How the new session is handed over: as a token in the body, or as the web app's cookies. */
const SessionMode = z
  .enum(['token', 'cookie'], { error: 'must be token or cookie' })
  .optional()
  .meta({
    description:
      '`token` (default): the bearer token is in the answer. `cookie` (the web app): it is set as an HttpOnly, ' +
      'SameSite=Strict cookie instead and never shown to scripts; the answer carries the `csrfToken` that every ' +
      'cookie-authenticated request that changes something must send as `X-CSRF-Token`.',
  });

export const Handle = z.string().regex(HANDLE_PATTERN, { error: 'must be 3-32 of a-z, 0-9 and _' });

export const RegisterBody = z
  .object({
    handle: Handle,
    password: z
      .string()
      .min(PASSWORD_MIN, { error: `must be ${PASSWORD_MIN}-${PASSWORD_MAX} characters` })
      .max(PASSWORD_MAX, { error: `must be ${PASSWORD_MIN}-${PASSWORD_MAX} characters` }),
    displayName: z
      .string()
      .max(100, { error: 'must be at most 100 characters' })
      .optional()
      .meta({ description: 'At most 100 characters; defaults to the handle when absent or blank.' }),
    isCreator: z.boolean().optional().meta({ description: 'Creators can create products and drops. Default false.' }),
    session: SessionMode,
  })
  .strict();

// Login does not re-check the registration rules (a wrong handle is simply a 401), but it
// bounds sizes so nobody can make the server hash megabytes.
export const LoginBody = z
  .object({
    handle: z.string().min(1, { error: 'is required' }).max(64, { error: 'is too long' }),
    password: z.string().min(1, { error: 'is required' }).max(1024, { error: 'is too long' }),
    session: SessionMode,
  })
  .strict();

const TokenResult = z
  .object({
    user: UserJson,
    token: z.string().meta({ description: 'Opaque bearer token; send as `Authorization: Bearer <token>`.' }),
  })
  .meta({ id: 'AuthResult' });

const CookieResult = z
  .object({
    user: UserJson,
    csrfToken: z
      .string()
      .meta({ description: 'Send as `X-CSRF-Token` with every cookie-authenticated POST, PUT, PATCH and DELETE.' }),
  })
  .meta({ id: 'CookieAuthResult', description: 'With `session: "cookie"`: the token went into the session cookie.' });

export const AuthResultJson = z.union([TokenResult, CookieResult]);
