import { acceptInvite } from '@/lib/admin/invites';
import { acceptInviteRoute } from '@/lib/auth/routes';
import { handle } from '@/lib/http/api-route';

export const POST = handle(acceptInviteRoute, acceptInvite);
