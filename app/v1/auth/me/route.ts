import { meOf } from '@/lib/auth/me';
import { getMeRoute } from '@/lib/auth/routes';
import { handle } from '@/lib/http/api-route';

export const GET = handle(getMeRoute, meOf);
