import { getHealth } from '@/lib/health/liveness';
import { getHealthRoute } from '@/lib/health/routes';
import { handle } from '@/lib/http/api-route';

export const GET = handle(getHealthRoute, getHealth);
