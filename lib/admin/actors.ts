/**
 * Organizations, actors, API keys and sign-in accounts, as `npm run admin` and the demo seed
 * create them. Not a hot path: plain Prisma calls, a few round trips each.
 */
import { randomBytes } from 'node:crypto';
import { generateApiKey, hashApiKey } from '../auth/api-keys';
import { announceCredentialChange } from '../auth/credential-changes';
import { hashPassword } from '../auth/passwords';
import { prisma } from '../db/prisma';
import type { ActorKind, Role } from '../domain/enums';
import { validationError } from '../errors';

export interface OrganizationRecord {
  id: string;
  slug: string;
  name: string;
}

export interface ActorRecord {
  pk: string;
  organizationId: string;
  publicId: string;
  kind: ActorKind;
  displayName: string;
  role: Role | null;
}

const ACTOR_SELECT = {
  id: true,
  organizationId: true,
  publicId: true,
  kind: true,
  displayName: true,
  role: true,
} as const;

function toActorRecord(row: {
  id: string;
  organizationId: string;
  publicId: string;
  kind: ActorKind;
  displayName: string;
  role: Role | null;
}): ActorRecord {
  return {
    pk: row.id,
    organizationId: row.organizationId,
    publicId: row.publicId,
    kind: row.kind,
    displayName: row.displayName,
    role: row.role,
  };
}

export function newActorPublicId(): string {
  return `act_${randomBytes(12).toString('hex')}`;
}

/** Returns the organization `slug`, creating it (named `name`, else the slug) when missing. */
export async function ensureOrganization(slug: string, name?: string): Promise<OrganizationRecord> {
  return prisma.organization.upsert({
    where: { slug },
    create: { slug, name: name ?? slug },
    update: {},
    select: { id: true, slug: true, name: true },
  });
}

/**
 * A person's or agent's role belongs to the actor, not to one key, so a second key for an
 * existing actor must not quietly change what that actor's other keys and sessions may do.
 */
function assertRole(actor: ActorRecord, role: Role): void {
  if (actor.role !== null && actor.role !== role) {
    throw validationError([
      {
        path: ['role'],
        message:
          `${actor.kind} "${actor.displayName}" already exists with role ${actor.role}, not ${role}. ` +
          'Use that role, or another display name for a separate actor.',
      },
    ]);
  }
}

/** The actor of this name and kind, made with `role` when missing; refuses another role (422). */
export async function ensureActor(input: {
  organizationId: string;
  displayName: string;
  kind: ActorKind;
  role: Role;
}): Promise<ActorRecord> {
  const found = await prisma.actor.findFirst({
    where: { organizationId: input.organizationId, displayName: input.displayName, kind: input.kind },
    orderBy: { createdAt: 'asc' },
    select: ACTOR_SELECT,
  });
  if (found) {
    const actor = toActorRecord(found);
    assertRole(actor, input.role);
    if (actor.role !== null) return actor;
    // A model named in history holds no credential until someone gives it one.
    const updated = await prisma.actor.update({
      where: { id: actor.pk },
      data: { role: input.role },
      select: ACTOR_SELECT,
    });
    return toActorRecord(updated);
  }
  const created = await prisma.actor.create({
    data: {
      organizationId: input.organizationId,
      publicId: input.kind === 'model' ? input.displayName : newActorPublicId(),
      kind: input.kind,
      displayName: input.displayName,
      role: input.role,
    },
    select: ACTOR_SELECT,
  });
  return toActorRecord(created);
}

export interface CreateApiKeyInput {
  orgSlug: string;
  /** The actor's display name; also the key's label. */
  name: string;
  kind: ActorKind;
  role: Role;
  /** Only for the demo seed's fixed, published keys. Anything else gets a fresh random key. */
  key?: string;
}

export interface CreatedApiKey {
  /** The secret itself. It is not stored anywhere: show it once. */
  key: string;
  prefix: string;
  organization: OrganizationRecord;
  actor: ActorRecord;
}

/**
 * Creates an API key for the actor named `name` of kind `kind` in organization `orgSlug`,
 * creating the organization and the actor first when they are missing. Only the key's SHA-256
 * is stored. With an explicit `key` already issued to this same actor, it returns that key
 * instead of failing, so that the seed can run again after an interruption.
 */
export async function createApiKey(input: CreateApiKeyInput): Promise<CreatedApiKey> {
  const organization = await ensureOrganization(input.orgSlug);
  const actor = await ensureActor({
    organizationId: organization.id,
    displayName: input.name,
    kind: input.kind,
    role: input.role,
  });
  const secret = input.key === undefined ? generateApiKey() : fixedKey(input.key);

  if (input.key !== undefined) {
    const existing = await prisma.apiKey.findUnique({
      where: { keyHash: secret.keyHash },
      select: { actorId: true, revokedAt: true },
    });
    if (existing) {
      if (existing.actorId !== actor.pk || existing.revokedAt !== null) {
        throw new Error(`the fixed key ${secret.prefix}… is already issued to another actor or revoked`);
      }
      return { key: secret.key, prefix: secret.prefix, organization, actor };
    }
  }

  await prisma.apiKey.create({
    data: {
      organizationId: organization.id,
      actorId: actor.pk,
      name: input.name,
      prefix: secret.prefix,
      keyHash: secret.keyHash,
    },
  });
  return { key: secret.key, prefix: secret.prefix, organization, actor };
}

function fixedKey(key: string): { key: string; prefix: string; keyHash: string } {
  return { key, prefix: key.slice(0, 12), keyHash: hashApiKey(key) };
}

export interface UpsertUserInput {
  orgSlug: string;
  email: string;
  name: string;
  role: Exclude<Role, 'integration'>;
  password: string;
}

export interface UpsertedUser {
  created: boolean;
  organization: OrganizationRecord;
  actor: ActorRecord & { email: string };
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Creates a human who can sign in with `email` and `password`, or, when the email is already
 * taken in this organization, replaces that person's password and revokes their open sessions
 * (a password reset must lock out whoever knew the old one). A human of the same name created
 * earlier without an email (say, by `create-key`) gets the email rather than a twin.
 */
export async function upsertUser(input: UpsertUserInput): Promise<UpsertedUser> {
  const email = normalizeEmail(input.email);
  const organization = await ensureOrganization(input.orgSlug);
  const passwordHash = await hashPassword(input.password);

  const byEmail = await prisma.actor.findUnique({ where: { email }, select: ACTOR_SELECT });
  if (byEmail) {
    if (byEmail.organizationId !== organization.id) {
      throw new Error(`${email} already belongs to a user of another organization`);
    }
    await prisma.$transaction([
      prisma.actor.update({ where: { id: byEmail.id }, data: { passwordHash } }),
      prisma.session.updateMany({ where: { actorId: byEmail.id, revokedAt: null }, data: { revokedAt: new Date() } }),
    ]);
    await announceCredentialChange();
    return { created: false, organization, actor: { ...toActorRecord(byEmail), email } };
  }

  const unnamed = await prisma.actor.findFirst({
    where: { organizationId: organization.id, displayName: input.name, kind: 'human', email: null },
    orderBy: { createdAt: 'asc' },
    select: ACTOR_SELECT,
  });
  if (unnamed) assertRole(toActorRecord(unnamed), input.role);

  const row = unnamed
    ? await prisma.actor.update({
        where: { id: unnamed.id },
        data: { email, passwordHash, role: input.role },
        select: ACTOR_SELECT,
      })
    : await prisma.actor.create({
        data: {
          organizationId: organization.id,
          publicId: newActorPublicId(),
          kind: 'human',
          displayName: input.name,
          role: input.role,
          email,
          passwordHash,
        },
        select: ACTOR_SELECT,
      });
  return { created: true, organization, actor: { ...toActorRecord(row), email } };
}
