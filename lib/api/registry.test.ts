import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_ROUTES } from './registry';
import { renderRouteTable } from './render-route-table';

/**
 * The contract's routes (../shared/api-contract.md: the first stage, and the second's delivery and administration) and our documented extensions,
 * spelled out by hand on purpose: a route cannot appear or vanish without this list changing.
 */
const CONTRACT_ROUTES = [
  'GET /v1/workflows/reviews',
  'POST /v1/workflows/reviews',
  'GET /v1/workflows/reviews/{run_id}/{block_id}',
  'POST /v1/workflows/reviews/{run_id}/{block_id}/versions',
  'POST /v1/workflows/reviews/{run_id}/{block_id}/decision',
  'POST /v1/workflows/reviews/{run_id}/{block_id}/claim',
  'POST /v1/workflows/reviews/{run_id}/{block_id}/release',
  'POST /v1/workflows/reviews/{run_id}/{block_id}/revert',
  'POST /v1/workflows/reviews/{run_id}/{block_id}/reopen',
  'GET /v1/workflows/runs/{run_id}',
  // Second stage: insight and SLA settings.
  'GET /v1/stats/queue',
  'GET /v1/stats/decisions',
  'GET /v1/stats/corrections',
  'GET /v1/organization/settings',
  'PATCH /v1/organization/settings',
  // Second stage: downstream delivery and administration.
  'GET /v1/webhook-endpoints',
  'POST /v1/webhook-endpoints',
  'PATCH /v1/webhook-endpoints/{id}',
  'DELETE /v1/webhook-endpoints/{id}',
  'POST /v1/webhook-endpoints/{id}/rotate-secret',
  'POST /v1/webhook-endpoints/{id}/test',
  'GET /v1/webhook-endpoints/{id}/deliveries',
  'POST /v1/webhook-deliveries/{id}/redeliver',
  'GET /v1/api-keys',
  'POST /v1/api-keys',
  'DELETE /v1/api-keys/{id}',
  'GET /v1/members',
  'POST /v1/members',
  'PATCH /v1/members/{id}',
  // Second stage: sources.
  'POST /v1/files',
  'GET /v1/files/{file_id}',
];
const EXTENSIONS = [
  'GET /v1/workflows/reviews/counts',
  'POST /v1/auth/sign-in',
  'POST /v1/auth/sign-out',
  'GET /v1/auth/me',
  'POST /v1/auth/accept-invite',
  'GET /v1/events',
  'GET /v1/openapi.json',
  'GET /v1/health',
];

describe('the route registry', () => {
  it('holds exactly the contract routes and the documented extensions', () => {
    const registered = API_ROUTES.map((route) => `${route.method} ${route.path}`);
    expect(registered.sort()).toEqual([...CONTRACT_ROUTES, ...EXTENSIONS].sort());
  });

  it('names each route once', () => {
    const names = API_ROUTES.map((route) => route.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('matches the generated route table (run `npm run routes` after changing a route)', () => {
    const written = readFileSync(new URL('./route-table.ts', import.meta.url), 'utf8');
    expect(written).toBe(renderRouteTable(API_ROUTES));
  });
});
