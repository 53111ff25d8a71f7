import { updateMember } from '@/lib/admin/members';
import { updateMemberRoute } from '@/lib/admin/routes';
import { handle } from '@/lib/http/api-route';

export const PATCH = handle(updateMemberRoute, updateMember);
