/**
 * Every route of the API, in the order the OpenAPI document and /docs list them. The route
 * wrapper, the OpenAPI document, the typed client's route table, the server's edge and the
 * in-process test router all read this list; `registry.test.ts` pins it against the contract.
 */
import { ADMIN_ROUTES } from '../admin/routes';
import { AUTH_ROUTES } from '../auth/routes';
import { streamEventsRoute } from '../events/routes';
import { FILE_ROUTES } from '../files/routes';
import { getHealthRoute } from '../health/routes';
import type { AnyRouteSpec } from '../http/define-route';
import { INSIGHT_ROUTES } from '../insight/routes';
import { getOpenApiDocumentRoute } from '../openapi/routes';
import { REVIEW_ROUTES } from '../reviews/routes';
import { WEBHOOK_ROUTES } from '../webhooks/routes';

export const API_ROUTES: readonly AnyRouteSpec[] = [
  ...REVIEW_ROUTES,
  ...FILE_ROUTES,
  ...INSIGHT_ROUTES,
  ...WEBHOOK_ROUTES,
  ...ADMIN_ROUTES,
  ...AUTH_ROUTES,
  streamEventsRoute,
  getOpenApiDocumentRoute,
  getHealthRoute,
];
