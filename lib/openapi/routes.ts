/** This description of the API. */
import { defineRoute } from '../http/define-route';

export const getOpenApiDocumentRoute = defineRoute({
  name: 'getOpenApiDocument',
  method: 'GET',
  path: '/v1/openapi.json',
  tag: 'Meta',
  action: 'public',
  summary: 'Get this OpenAPI document',
  description: 'This OpenAPI 3.1 document. Public: no credential needed.',
  success: [{ status: 200, description: 'The OpenAPI 3.1 document.' }],
  errors: [],
});
