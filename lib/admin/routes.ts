/** The administration routes of the organization: API keys and members. */
import { defineRoute } from '../http/define-route';
import { INVITE_DAYS } from './invites';
import {
  ZApiKeyList,
  ZApiKeyParams,
  ZCreateApiKeyBody,
  ZCreatedApiKey,
  ZCreatedMember,
  ZCreateMemberBody,
  ZMember,
  ZMemberList,
  ZMemberParams,
  ZUpdateMemberBody,
} from './schemas';

export const listApiKeysRoute = defineRoute({
  name: 'listApiKeys',
  method: 'GET',
  path: '/v1/api-keys',
  tag: 'API keys',
  action: 'manage_api_keys',
  summary: 'List API keys',
  description:
    'Every API key of the organization, revoked ones included, newest first: its `prefix` (the first characters, to tell keys apart), the actor it speaks for, that actor’s role and its last use. Never the key itself: only its hash is stored.',
  response: ZApiKeyList,
  success: [{ status: 200, description: 'The keys.' }],
  errors: [],
});

export const createApiKeyRoute = defineRoute({
  name: 'createApiKey',
  method: 'POST',
  path: '/v1/api-keys',
  tag: 'API keys',
  action: 'manage_api_keys',
  summary: 'Create an API key',
  description:
    'A new key for the actor of this `name` and `kind`, made with `role` if it does not exist yet. An existing actor keeps its role: asking for another is `422` (change a person’s role under Members). The answer is the only one that shows `key`.',
  body: ZCreateApiKeyBody,
  bodyExample: { name: 'Nightly triage agent', kind: 'agent', role: 'reviewer' },
  response: ZCreatedApiKey,
  success: [{ status: 201, description: 'The key, shown this once.' }],
  errors: [],
  reply: (key) => ({ status: 201, body: key }),
});

export const revokeApiKeyRoute = defineRoute({
  name: 'revokeApiKey',
  method: 'DELETE',
  path: '/v1/api-keys/{id}',
  tag: 'API keys',
  action: 'manage_api_keys',
  summary: 'Revoke an API key',
  description:
    'Revokes the key at once: the very next request made with it is `401`. It stays in the list, with `revoked_at`. Revoking a revoked key is a `204` that changes nothing.',
  params: ZApiKeyParams,
  success: [{ status: 204, description: 'Revoked.' }],
  errors: [],
  reply: () => new Response(null, { status: 204 }),
});

export const listMembersRoute = defineRoute({
  name: 'listMembers',
  method: 'GET',
  path: '/v1/members',
  tag: 'Members',
  action: 'manage_members',
  summary: 'List members',
  description:
    'The people of the organization (those who sign in with an email), oldest first, disabled ones included.',
  response: ZMemberList,
  success: [{ status: 200, description: 'The members.' }],
  errors: [],
});

export const createMemberRoute = defineRoute({
  name: 'createMember',
  method: 'POST',
  path: '/v1/members',
  tag: 'Members',
  action: 'manage_members',
  summary: 'Add or invite a member',
  description: `Adds a person who signs in with \`email\` (in any case). With a \`password\` they can sign in at once; without one the answer carries \`invite_url\`, a link where they set a password (one use, valid ${INVITE_DAYS} days; the invitee's page calls \`POST /v1/auth/accept-invite\`). An email that already belongs to someone is \`422\`.`,
  body: ZCreateMemberBody,
  bodyExample: { email: 'ana@acme.test', display_name: 'Ana Ruiz', role: 'reviewer' },
  response: ZCreatedMember,
  success: [{ status: 201, description: 'The member; with `invite_url` when no password was sent.' }],
  errors: [],
  passRequest: true,
  reply: (member) => ({ status: 201, body: member }),
});

export const updateMemberRoute = defineRoute({
  name: 'updateMember',
  method: 'PATCH',
  path: '/v1/members/{id}',
  tag: 'Members',
  action: 'manage_members',
  summary: 'Change a member’s role or name, or disable them',
  description:
    'Changes only the fields sent. `disabled: true` ends the person’s sessions and revokes their API keys at once (re-enabling gives neither back: they sign in again, and new keys are made). Nobody can disable or demote the organization’s last enabled admin: `409 last_admin`, however many such changes race.',
  params: ZMemberParams,
  body: ZUpdateMemberBody,
  bodyExample: { role: 'lead' },
  response: ZMember,
  success: [{ status: 200, description: 'The member as they are now.' }],
  errors: ['last_admin'],
});

export const ADMIN_ROUTES = [
  listApiKeysRoute,
  createApiKeyRoute,
  revokeApiKeyRoute,
  listMembersRoute,
  createMemberRoute,
  updateMemberRoute,
];
