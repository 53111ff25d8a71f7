/**
 * API keys as an organization's admins manage them in the app. A key is shown once, when it is
 * made; only its SHA-256 is stored (lib/auth/api-keys.ts).
 */
import { generateApiKey } from '../auth/api-keys';
import type { Caller } from '../auth/authorization';
import { announceCredentialChange } from '../auth/credential-changes';
import type { Prisma } from '../db/generated/client';
import { prisma } from '../db/prisma';
import { AppError, validationError } from '../errors';
import { ensureActor } from './actors';
import type { ApiKey, ApiKeyList, ApiKeyParams, CreateApiKeyBody, CreatedApiKey } from './schemas';

const KEY_INCLUDE = {
  actor: { select: { kind: true, publicId: true, displayName: true, role: true } },
} as const satisfies Prisma.ApiKeyInclude;

type KeyRow = Prisma.ApiKeyGetPayload<{ include: typeof KEY_INCLUDE }>;

function wireKey(row: KeyRow): ApiKey {
  const { actor } = row;
  if (actor.role === null) throw new Error(`the actor of key ${row.publicId} holds no role`);
  return {
    id: row.publicId,
    name: row.name,
    prefix: row.prefix,
    actor: { kind: actor.kind, id: actor.publicId, display_name: actor.displayName },
    role: actor.role,
    created_at: row.createdAt.toISOString(),
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
    revoked_at: row.revokedAt?.toISOString() ?? null,
  };
}

export async function listApiKeys(caller: Caller): Promise<ApiKeyList> {
  const rows = await prisma.apiKey.findMany({
    where: { organizationId: caller.organizationId },
    orderBy: [{ createdAt: 'desc' }, { publicId: 'desc' }],
    include: KEY_INCLUDE,
  });
  return { data: rows.map(wireKey) };
}

/** The only answer that carries the key itself. */
export async function createApiKey(caller: Caller, body: CreateApiKeyBody): Promise<CreatedApiKey> {
  const actor = await ensureActor({
    organizationId: caller.organizationId,
    displayName: body.name,
    kind: body.kind,
    role: body.role,
  });
  const { disabledAt } = await prisma.actor.findUniqueOrThrow({
    where: { id: actor.pk },
    select: { disabledAt: true },
  });
  if (disabledAt !== null) {
    throw validationError([
      { path: ['name'], message: `${body.name} is disabled: enable them before giving them a key` },
    ]);
  }
  const secret = generateApiKey();
  const row = await prisma.apiKey.create({
    data: {
      organizationId: caller.organizationId,
      actorId: actor.pk,
      name: body.name,
      prefix: secret.prefix,
      keyHash: secret.keyHash,
    },
    include: KEY_INCLUDE,
  });
  return { ...wireKey(row), key: secret.key };
}

/** The key's very next request is refused, by every instance: each has forgotten it first. */
export async function revokeApiKey(caller: Caller, { id }: ApiKeyParams): Promise<void> {
  const where = { publicId: id, organizationId: caller.organizationId };
  const revoked = await prisma.apiKey.updateMany({
    where: { ...where, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (revoked.count > 0) await announceCredentialChange();
  if (revoked.count === 0 && (await prisma.apiKey.count({ where })) === 0) {
    throw new AppError('not_found', `no API key ${id}`);
  }
}
