import { createMember, listMembers } from '@/lib/admin/members';
import { createMemberRoute, listMembersRoute } from '@/lib/admin/routes';
import { handle } from '@/lib/http/api-route';

export const GET = handle(listMembersRoute, listMembers);
export const POST = handle(createMemberRoute, createMember);
