import { HANDLE_PATTERN, PASSWORD_MAX, PASSWORD_MIN, type User } from '@livedrops/core';
import { z } from 'zod';
import { Id, iso, Timestamp } from './common.schema.js';

export const UserJson = z
  .object({ id: Id, handle: z.string(), displayName: z.string(), isCreator: z.boolean(), createdAt: Timestamp })
  .meta({ id: 'User' });

export function userJson(u: User): z.infer<typeof UserJson> {
  return { id: u.id, handle: u.handle, displayName: u.displayName, isCreator: u.isCreator, createdAt: iso(u.createdAt) };
}

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
  })
  .strict();

// Login does not re-check the registration rules (a wrong handle is simply a 401), but it
// bounds sizes so nobody can make the server hash megabytes.
export const LoginBody = z
  .object({
    handle: z.string().min(1, { error: 'is required' }).max(64, { error: 'is too long' }),
    password: z.string().min(1, { error: 'is required' }).max(1024, { error: 'is too long' }),
  })
  .strict();

export const AuthResultJson = z
  .object({
    user: UserJson,
    token: z.string().meta({ description: 'Opaque bearer token; send as `Authorization: Bearer <token>`.' }),
  })
  .meta({ id: 'AuthResult' });
