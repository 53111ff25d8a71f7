import { handle } from '@/lib/http/api-route';
import { getOpenApiDocument } from '@/lib/openapi/document';
import { getOpenApiDocumentRoute } from '@/lib/openapi/routes';

/** Public: the description of the API is no secret, and tools fetch it without credentials. */
export const GET = handle(getOpenApiDocumentRoute, getOpenApiDocument);
