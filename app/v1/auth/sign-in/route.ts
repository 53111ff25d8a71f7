import { startBrowserSession } from '@/lib/auth/browser-session';
import { signInRoute } from '@/lib/auth/routes';
import { handle } from '@/lib/http/api-route';

export const POST = handle(signInRoute, startBrowserSession);
