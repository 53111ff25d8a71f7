/**
 * Shapes of the administration routes (API keys, members, invitations): request bodies the
 * routes parse and the contract's key and member objects.
 */
import { z } from 'zod';
import { ACTOR_KINDS, PERSON_ROLES, ROLES } from '../domain/enums';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../domain/passwords';
import { ZActor } from '../reviews/schemas';

const ZTimestamp = z.string().describe('ISO-8601 UTC with milliseconds, e.g. 2026-05-13T09:02:51.118Z');
const ZName = z.string().trim().min(1).max(255);

/** Passwords as `npm run admin -- create-user` takes them. */
export const ZNewPassword = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH);

// ---- requests ------------------------------------------------------------------------------

export const ZApiKeyParams = z.object({
  id: z
    .string()
    .regex(/^key_[0-9a-f]{32}$/)
    .meta({ description: 'The API key id (`key_…`).', example: 'key_5b0d2c8e1f7a4b39a6c1d0e2f3a4b5c6' }),
});

export const ZMemberParams = z.object({
  id: z
    .string()
    .regex(/^act_[0-9a-f]{24}$/)
    .meta({ description: 'The member’s actor id (`act_…`).', example: 'act_3f9a1c7e5b2d4a6c8e0f1a2b' }),
});

export const ZCreateApiKeyBody = z
  .object({
    name: ZName.describe(
      'The name of the actor the key speaks for, and of the key. An actor of this name and kind gets another key; a new name makes a new actor.',
    ),
    kind: z.enum(ACTOR_KINDS),
    role: z.enum(ROLES),
  })
  .meta({ id: 'CreateApiKeyRequest' });

export const ZCreateMemberBody = z
  .object({
    email: z.email().max(320),
    display_name: ZName,
    role: z.enum(PERSON_ROLES),
    password: ZNewPassword.nullish().describe('Without one, the answer carries a one-use `invite_url` to set it.'),
  })
  .meta({ id: 'CreateMemberRequest' });

export const ZUpdateMemberBody = z
  .object({
    role: z.enum(PERSON_ROLES).nullish(),
    display_name: ZName.nullish(),
    disabled: z.boolean().nullish().describe('`true` ends the person’s sessions and revokes their API keys at once.'),
  })
  .meta({ id: 'UpdateMemberRequest' });

export const ZAcceptInviteBody = z
  .object({
    token: z.string().min(1).max(200).describe('The last segment of the `invite_url`.'),
    password: ZNewPassword,
  })
  .meta({ id: 'AcceptInviteRequest' });

export type ApiKeyParams = z.infer<typeof ZApiKeyParams>;
export type MemberParams = z.infer<typeof ZMemberParams>;
export type CreateApiKeyBody = z.infer<typeof ZCreateApiKeyBody>;
export type CreateMemberBody = z.infer<typeof ZCreateMemberBody>;
export type UpdateMemberBody = z.infer<typeof ZUpdateMemberBody>;
export type AcceptInviteBody = z.infer<typeof ZAcceptInviteBody>;

// ---- responses -----------------------------------------------------------------------------

export const ZApiKey = z
  .object({
    id: z.string().describe('key_…'),
    name: z.string(),
    prefix: z.string().describe('The first characters of the key (`rik_…`), to tell keys apart.'),
    actor: ZActor,
    role: z.enum(ROLES),
    created_at: ZTimestamp,
    last_used_at: ZTimestamp.nullable().describe('The last request made with the key, to the minute.'),
    revoked_at: ZTimestamp.nullable(),
  })
  .meta({ id: 'ApiKey' });

export const ZCreatedApiKey = ZApiKey.extend({
  key: z.string().describe('The key itself: shown only in this answer, and stored only as a hash.'),
}).meta({ id: 'CreatedApiKey' });

export const ZApiKeyList = z.object({ data: z.array(ZApiKey) }).meta({ id: 'ApiKeyList' });

export const ZMember = z
  .object({
    id: z.string().describe('act_…, the `id` of the person’s Actor'),
    email: z.string(),
    display_name: z.string(),
    role: z.enum(PERSON_ROLES),
    disabled: z.boolean(),
    created_at: ZTimestamp,
    last_seen_at: ZTimestamp.nullable().describe('The last request made with one of their credentials, to the minute.'),
  })
  .meta({ id: 'Member' });

export const ZCreatedMember = ZMember.extend({
  invite_url: z
    .string()
    .optional()
    .describe('Only when no password was sent: where the person sets one. One use; expires in 7 days.'),
}).meta({ id: 'CreatedMember' });

export const ZMemberList = z.object({ data: z.array(ZMember) }).meta({ id: 'MemberList' });

export type ApiKey = z.infer<typeof ZApiKey>;
export type CreatedApiKey = z.infer<typeof ZCreatedApiKey>;
export type ApiKeyList = z.infer<typeof ZApiKeyList>;
export type Member = z.infer<typeof ZMember>;
export type CreatedMember = z.infer<typeof ZCreatedMember>;
export type MemberList = z.infer<typeof ZMemberList>;
