// Generated from lib/api/registry.ts by `npm run routes`; registry.test.ts fails when it is stale.
export const ROUTE_TABLE = {
  listQueue: { method: 'GET', path: '/v1/workflows/reviews' },
  countQueue: { method: 'GET', path: '/v1/workflows/reviews/counts' },
  openGate: { method: 'POST', path: '/v1/workflows/reviews' },
  getOverlay: { method: 'GET', path: '/v1/workflows/reviews/{run_id}/{block_id}' },
  appendVersion: { method: 'POST', path: '/v1/workflows/reviews/{run_id}/{block_id}/versions' },
  decide: { method: 'POST', path: '/v1/workflows/reviews/{run_id}/{block_id}/decision' },
  claim: { method: 'POST', path: '/v1/workflows/reviews/{run_id}/{block_id}/claim' },
  release: { method: 'POST', path: '/v1/workflows/reviews/{run_id}/{block_id}/release' },
  revert: { method: 'POST', path: '/v1/workflows/reviews/{run_id}/{block_id}/revert' },
  reopen: { method: 'POST', path: '/v1/workflows/reviews/{run_id}/{block_id}/reopen' },
  getRun: { method: 'GET', path: '/v1/workflows/runs/{run_id}' },
  getQueueStats: { method: 'GET', path: '/v1/stats/queue' },
  getDecisionStats: { method: 'GET', path: '/v1/stats/decisions' },
  getCorrectionStats: { method: 'GET', path: '/v1/stats/corrections' },
  getOrganizationSettings: { method: 'GET', path: '/v1/organization/settings' },
  updateOrganizationSettings: { method: 'PATCH', path: '/v1/organization/settings' },
  signIn: { method: 'POST', path: '/v1/auth/sign-in' },
  signOut: { method: 'POST', path: '/v1/auth/sign-out' },
  getMe: { method: 'GET', path: '/v1/auth/me' },
  streamEvents: { method: 'GET', path: '/v1/events' },
  getOpenApiDocument: { method: 'GET', path: '/v1/openapi.json' },
  getHealth: { method: 'GET', path: '/v1/health' },
} as const;

export type RouteName = keyof typeof ROUTE_TABLE;
