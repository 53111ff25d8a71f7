/** Writes lib/api/route-table.ts from the route registry (`npm run routes`). */
import { writeFileSync } from 'node:fs';
import { API_ROUTES } from '../lib/api/registry';
import { renderRouteTable } from '../lib/api/render-route-table';

const target = new URL('../lib/api/route-table.ts', import.meta.url);
writeFileSync(target, renderRouteTable(API_ROUTES));
console.log(`wrote ${target.pathname}: ${API_ROUTES.length} routes`);
