import { revokeApiKey } from '@/lib/admin/keys';
import { revokeApiKeyRoute } from '@/lib/admin/routes';
import { handle } from '@/lib/http/api-route';

export const DELETE = handle(revokeApiKeyRoute, revokeApiKey);
