/**
 * The people of an organization, as its admins manage them: those who sign in with an email.
 * A person's role lives on their actor, so it governs their sessions and API keys alike.
 */
import type { Caller } from '../auth/authorization';
import { announceCredentialChange } from '../auth/credential-changes';
import { hashPassword } from '../auth/passwords';
import { isUniqueViolation } from '../db/database-errors';
import type { Prisma } from '../db/generated/client';
import { prisma } from '../db/prisma';
import { AppError, validationError } from '../errors';
import { requestOrigin } from '../http/cookies';
import { newActorPublicId, normalizeEmail } from './actors';
import { createInvite, invitePath } from './invites';
import type { CreatedMember, CreateMemberBody, Member, MemberList, MemberParams, UpdateMemberBody } from './schemas';

const MEMBER_SELECT = {
  id: true,
  publicId: true,
  email: true,
  displayName: true,
  role: true,
  disabledAt: true,
  createdAt: true,
  lastSeenAt: true,
} as const satisfies Prisma.ActorSelect;

type MemberRow = Prisma.ActorGetPayload<{ select: typeof MEMBER_SELECT }>;

/** A member is a human with an email; anything else in the actors table is not one. */
function membersOf(caller: Caller) {
  return { organizationId: caller.organizationId, kind: 'human', email: { not: null } } as const;
}

function wireMember(row: MemberRow): Member {
  if (row.email === null || row.role === null || row.role === 'integration') {
    throw new Error(`actor ${row.publicId} is not a member`);
  }
  return {
    id: row.publicId,
    email: row.email,
    display_name: row.displayName,
    role: row.role,
    disabled: row.disabledAt !== null,
    created_at: row.createdAt.toISOString(),
    last_seen_at: row.lastSeenAt?.toISOString() ?? null,
  };
}

export async function listMembers(caller: Caller): Promise<MemberList> {
  const rows = await prisma.actor.findMany({
    where: membersOf(caller),
    orderBy: [{ createdAt: 'asc' }, { publicId: 'asc' }],
    select: MEMBER_SELECT,
  });
  return { data: rows.map(wireMember) };
}

function emailTaken(): AppError {
  return validationError([{ path: ['email'], message: 'this email already belongs to someone' }]);
}

/** With a password the person can sign in at once; without one they get an invitation link. */
export async function createMember(caller: Caller, body: CreateMemberBody, request: Request): Promise<CreatedMember> {
  const email = normalizeEmail(body.email);
  const passwordHash = body.password == null ? null : await hashPassword(body.password);
  const now = new Date();
  try {
    return await prisma.$transaction(async (tx) => {
      const row = await tx.actor.create({
        data: {
          organizationId: caller.organizationId,
          publicId: newActorPublicId(),
          kind: 'human',
          displayName: body.display_name,
          role: body.role,
          email,
          passwordHash,
          createdAt: now,
        },
        select: MEMBER_SELECT,
      });
      if (passwordHash !== null) return wireMember(row);
      const token = await createInvite(tx, row.id, now);
      return { ...wireMember(row), invite_url: `${requestOrigin(request)}${invitePath(token)}` };
    });
  } catch (error) {
    // Emails are unique across organizations: sign-in knows no organization.
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
}

/**
 * Changes a member's role, name or access. Every change of one organization's members holds
 * the organization's row lock for its transaction, so the count of enabled admins it checks
 * cannot change under it: of two admins demoting each other at once, one waits, then sees that
 * it would leave no admin, and is refused (`409 last_admin`).
 */
export async function updateMember(caller: Caller, { id }: MemberParams, body: UpdateMemberBody): Promise<Member> {
  const now = new Date();
  const updated = await prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM organizations WHERE id = ${caller.organizationId}::uuid FOR UPDATE`;
    const member = await tx.actor.findFirst({ where: { ...membersOf(caller), publicId: id }, select: MEMBER_SELECT });
    if (!member) throw new AppError('not_found', `no member ${id}`);

    const enabledAdmin = member.role === 'admin' && member.disabledAt === null;
    const losesAdmin = (body.role != null && body.role !== 'admin') || body.disabled === true;
    if (enabledAdmin && losesAdmin) {
      const otherAdmins = await tx.actor.count({
        where: { ...membersOf(caller), role: 'admin', disabledAt: null, id: { not: member.id } },
      });
      if (otherAdmins === 0) {
        throw new AppError('last_admin', 'this is the last enabled admin: make someone else admin first', {
          member_id: id,
        });
      }
    }

    const disabling = body.disabled === true && member.disabledAt === null;
    if (disabling) {
      await tx.session.updateMany({ where: { actorId: member.id, revokedAt: null }, data: { revokedAt: now } });
      await tx.apiKey.updateMany({ where: { actorId: member.id, revokedAt: null }, data: { revokedAt: now } });
    }
    const row = await tx.actor.update({
      where: { id: member.id },
      data: {
        role: body.role ?? undefined,
        displayName: body.display_name ?? undefined,
        disabledAt: body.disabled == null ? undefined : body.disabled ? (member.disabledAt ?? now) : null,
      },
      select: MEMBER_SELECT,
    });
    return wireMember(row);
  });
  // Once committed: a lookup made before the commit would only find the old member again.
  await announceCredentialChange();
  return updated;
}
