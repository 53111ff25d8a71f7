import { meOf } from '@/lib/auth/me';
import { apiRoute } from '@/lib/http/api-route';

export const GET = apiRoute({ action: 'read' }, async ({ caller }) => ({ body: meOf(caller) }));
