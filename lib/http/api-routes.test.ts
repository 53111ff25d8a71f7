import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { API_ROUTES, allowedMethods } from './api-routes';

const APP_DIR = fileURLToPath(new URL('../../app/', import.meta.url));
const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** Every API route file but the catch-all, keyed like API_ROUTES. */
function routeFiles(): Map<string, string> {
  const files = readdirSync(path.join(APP_DIR, 'v1'), { recursive: true, encoding: 'utf8' })
    .filter((file) => path.basename(file) === 'route.ts' && !file.includes('[...'))
    .map((file) => path.join(APP_DIR, 'v1', file));
  return new Map(
    files.map((file) => [`/${path.relative(APP_DIR, path.dirname(file)).split(path.sep).join('/')}`, file]),
  );
}

describe('API_ROUTES', () => {
  it('lists every route file under app/v1 with exactly the methods it exports', async () => {
    const files = routeFiles();
    expect([...files.keys()].sort()).toEqual(Object.keys(API_ROUTES).sort());
    for (const [route, file] of files) {
      const module = (await import(file)) as Record<string, unknown>;
      const exported = HTTP_METHODS.filter((method) => typeof module[method] === 'function');
      expect(exported, route).toEqual(
        [...(API_ROUTES[route] ?? [])].sort((a, b) => HTTP_METHODS.indexOf(a) - HTTP_METHODS.indexOf(b)),
      );
    }
  });
});

describe('allowedMethods', () => {
  it('matches a [param] folder to any one non-empty segment, and static folders first', () => {
    expect(allowedMethods('/v1/workflows/reviews/run-1/extract/claim')).toEqual(['POST']);
    expect(allowedMethods('/v1/workflows/reviews/counts')).toEqual(['GET', 'HEAD']);
    expect(allowedMethods('/v1/workflows/runs/run-1')).toEqual(['GET', 'HEAD']);
    expect(allowedMethods('/v1/workflows/runs/run-1/more')).toBeNull();
    expect(allowedMethods('/v1/nothing')).toBeNull();
  });
});
