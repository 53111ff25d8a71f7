import { z } from 'zod';
import { ACTOR_KINDS, ROLES } from '../domain/enums';

export const ZSignInBody = z
  .object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(1000) })
  .meta({ id: 'SignInRequest' });

export const ZSignInResult = z
  .object({ signed_in: z.literal(true), expires_at: z.iso.datetime() })
  .meta({ id: 'SignInResult', description: 'When the new session ends, unless signed out first.' });

export const ZSignOutResult = z.object({ signed_in: z.literal(false) }).meta({ id: 'SignOutResult' });

export const ZMe = z
  .object({
    actor: z.object({ kind: z.enum(ACTOR_KINDS), id: z.string(), display_name: z.string() }),
    role: z.enum(ROLES),
    organization_id: z.string(),
  })
  .meta({ id: 'Me' });

export type SignInBody = z.infer<typeof ZSignInBody>;
export type SignInResult = z.infer<typeof ZSignInResult>;
export type Me = z.infer<typeof ZMe>;
