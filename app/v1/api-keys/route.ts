import { createApiKey, listApiKeys } from '@/lib/admin/keys';
import { createApiKeyRoute, listApiKeysRoute } from '@/lib/admin/routes';
import { handle } from '@/lib/http/api-route';

export const GET = handle(listApiKeysRoute, listApiKeys);
export const POST = handle(createApiKeyRoute, createApiKey);
