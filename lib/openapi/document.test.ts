import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { GET } from '@/app/v1/openapi.json/route';
import { API_ROUTES } from '../api/registry';
import { mayCall } from '../auth/authorization';
import { ZReviewChangedEvent } from '../events/schemas';
import { STATUS_BY_CODE } from '../http/error-status';
import * as schemas from '../reviews/schemas';
import { ZRole } from '../reviews/schemas';
import {
  buildOpenApiDocument,
  type EventStreamContent,
  getOpenApiDocument,
  type JsonSchema,
  type OpenApiOperation,
  type OpenApiParameter,
  type Ref,
  requestBodyRef,
} from './document';

const doc = buildOpenApiDocument();

/** The contract's route table, spelled out by hand so the document cannot define its own answer. */
const CONTRACT_ROUTES = [
  ['get', '/v1/workflows/reviews', 'read'],
  ['post', '/v1/workflows/reviews', 'open_gate'],
  ['get', '/v1/workflows/reviews/{run_id}/{block_id}', 'read'],
  ['post', '/v1/workflows/reviews/{run_id}/{block_id}/versions', 'append_version'],
  ['post', '/v1/workflows/reviews/{run_id}/{block_id}/decision', 'decide'],
  ['post', '/v1/workflows/reviews/{run_id}/{block_id}/claim', 'claim'],
  ['post', '/v1/workflows/reviews/{run_id}/{block_id}/release', 'release'],
  ['post', '/v1/workflows/reviews/{run_id}/{block_id}/revert', 'revert'],
  ['post', '/v1/workflows/reviews/{run_id}/{block_id}/reopen', 'reopen'],
  ['get', '/v1/workflows/runs/{run_id}', 'read'],
  ['get', '/v1/stats/queue', 'view_insight'],
  ['get', '/v1/stats/decisions', 'view_insight'],
  ['get', '/v1/stats/corrections', 'view_insight'],
  ['get', '/v1/organization/settings', 'view_insight'],
  ['patch', '/v1/organization/settings', 'manage_settings'],
  ['get', '/v1/webhook-endpoints', 'read_webhooks'],
  ['post', '/v1/webhook-endpoints', 'manage_webhooks'],
  ['patch', '/v1/webhook-endpoints/{id}', 'manage_webhooks'],
  ['delete', '/v1/webhook-endpoints/{id}', 'manage_webhooks'],
  ['post', '/v1/webhook-endpoints/{id}/rotate-secret', 'manage_webhooks'],
  ['post', '/v1/webhook-endpoints/{id}/test', 'manage_webhooks'],
  ['get', '/v1/webhook-endpoints/{id}/deliveries', 'read_webhooks'],
  ['post', '/v1/webhook-deliveries/{id}/redeliver', 'manage_webhooks'],
  ['get', '/v1/api-keys', 'manage_api_keys'],
  ['post', '/v1/api-keys', 'manage_api_keys'],
  ['delete', '/v1/api-keys/{id}', 'manage_api_keys'],
  ['get', '/v1/members', 'manage_members'],
  ['post', '/v1/members', 'manage_members'],
  ['patch', '/v1/members/{id}', 'manage_members'],
  ['post', '/v1/files', 'upload_file'],
  ['get', '/v1/files/{file_id}', 'read'],
] as const;

function operations(): { method: string; path: string; operation: OpenApiOperation }[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ method, path, operation: operation as OpenApiOperation })),
  );
}

function resolvePointer(ref: string): unknown {
  expect(ref.startsWith('#/')).toBe(true);
  let node: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof node !== 'object' || node === null || !(key in node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function collectRefs(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const item of node) collectRefs(item, found);
  } else if (typeof node === 'object' && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.push(value);
      else collectRefs(value, found);
    }
  }
  return found;
}

function resolveParameter(parameter: OpenApiParameter | Ref): OpenApiParameter {
  return '$ref' in parameter ? (resolvePointer(parameter.$ref) as OpenApiParameter) : parameter;
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 on JSON Schema 2020-12 and survives a JSON round trip unchanged', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.jsonSchemaDialect).toBe('https://json-schema.org/draft/2020-12/schema');
    const text = JSON.stringify(doc);
    expect(JSON.parse(text)).toEqual(doc);
    expect(text).not.toContain('__shared');
  });

  it('takes raw bytes of each accepted file type on the upload route', () => {
    const upload = doc.paths['/v1/files']?.post;
    expect(Object.keys(upload?.requestBody?.content ?? {}).sort()).toEqual([
      'application/pdf',
      'image/jpeg',
      'image/png',
      'image/tiff',
      'image/webp',
      'text/plain',
    ]);
    expect(upload?.responses['413']).toBeDefined();
    expect(upload?.responses['415']).toBeDefined();
  });

  it('offers CSV beside JSON on the insight routes only', () => {
    const csv = operations()
      .filter(({ operation }) => operation.responses['200']?.content?.['text/csv'])
      .map(({ path }) => path);
    expect(csv.sort()).toEqual(['/v1/stats/corrections', '/v1/stats/decisions', '/v1/stats/queue']);
  });

  it('declares every route of the contract, plus its own extensions', () => {
    const declared = operations()
      .map(({ method, path }) => `${method} ${path}`)
      .sort();
    const extensions = [
      'get /v1/openapi.json',
      'get /v1/health',
      'get /v1/workflows/reviews/counts',
      'post /v1/auth/sign-in',
      'post /v1/auth/sign-out',
      'get /v1/auth/me',
      'post /v1/auth/accept-invite',
      'get /v1/events',
    ];
    const expected = [...CONTRACT_ROUTES.map(([method, path]) => `${method} ${path}`), ...extensions].sort();
    expect(declared).toEqual(expected);
  });

  it('gives each operation a unique operationId', () => {
    const ids = operations().map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('declares every path parameter, and only those', () => {
    for (const { path, operation } of operations()) {
      const placeholders = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]).sort();
      const declared = operation.parameters
        .map(resolveParameter)
        .filter((parameter) => parameter.in === 'path')
        .map((parameter) => {
          expect(parameter.required).toBe(true);
          expect(parameter.schema.type).toBe('string');
          return parameter.name;
        })
        .sort();
      expect(declared, path).toEqual(placeholders);
    }
  });

  it('resolves every $ref to an existing component', () => {
    const refs = collectRefs(doc);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of new Set(refs)) {
      expect(resolvePointer(ref), ref).toBeDefined();
    }
  });

  it('has a component for every named schema of schemas.ts', () => {
    const ids = (Object.values(schemas) as unknown[])
      .filter((value): value is z.ZodType => value instanceof z.ZodType)
      .map((schema) => z.globalRegistry.get(schema)?.id)
      .filter((id): id is string => typeof id === 'string');
    expect(ids.length).toBeGreaterThanOrEqual(18);
    for (const id of ids) {
      const component = doc.components.schemas[id];
      expect(component, id).toBeDefined();
      expect(component).not.toHaveProperty('$schema');
      expect(component).not.toHaveProperty('$id');
    }
  });

  it('does not forbid unknown fields in request bodies (the contract ignores them)', () => {
    for (const { operation } of operations()) {
      const ref = requestBodyRef(operation);
      if (!ref) continue;
      const body = resolvePointer(ref) as JsonSchema;
      expect(body.type).toBe('object');
      expect(body.additionalProperties, ref).not.toBe(false);
    }
  });

  it('lets every mutating overlay command carry an optional command_id and a required version_stamp', () => {
    for (const id of [
      'AppendVersionRequest',
      'DecisionRequest',
      'ClaimRequest',
      'ReleaseRequest',
      'RevertRequest',
      'ReopenRequest',
    ]) {
      const schema = doc.components.schemas[id] as JsonSchema;
      expect(schema.properties?.command_id, id).toBeDefined();
      expect(schema.required).not.toContain('command_id');
      expect(schema.required).toContain('version_stamp');
    }
  });

  it('lists the roles the wrapper enforces', () => {
    for (const [method, path, action] of CONTRACT_ROUTES) {
      const operation = doc.paths[path]?.[method] as OpenApiOperation;
      const expected = ZRole.options.filter((role) => mayCall(role, action));
      expect(operation['x-roles'], `${method} ${path}`).toEqual(expected);
      expect(operation.description).toContain('**Roles:**');
      expect(operation.security).toBeUndefined();
    }
    expect(doc.paths['/v1/workflows/reviews/{run_id}/{block_id}/reopen']?.post?.['x-roles']).toEqual(['lead', 'admin']);
    expect(doc.paths['/v1/openapi.json']?.get?.security).toEqual([]);
  });

  it('files every error code under its status from the code table, with the Error envelope', () => {
    for (const { path, operation } of operations()) {
      for (const [status, response] of Object.entries(operation.responses)) {
        expect(response.headers?.['x-request-id'], `${path} ${status}`).toEqual({
          $ref: '#/components/headers/XRequestId',
        });
        if (Number(status) < 400) continue;
        expect(response['x-error-codes']?.length).toBeGreaterThan(0);
        for (const code of response['x-error-codes'] ?? []) {
          expect(STATUS_BY_CODE[code]).toBe(Number(status));
          expect(response.description).toContain(`\`${code}\``);
        }
        expect(response.content?.['application/json']?.schema).toEqual({ $ref: '#/components/schemas/Error' });
      }
    }
  });

  it('documents the route-specific errors the contract names', () => {
    const codesOf = (path: string, status: string) =>
      doc.paths[`/v1/workflows/reviews/{run_id}/{block_id}${path}`]?.post?.responses[status]?.['x-error-codes'];
    expect(codesOf('/release', '409')).toEqual(['version_conflict', 'claim_held']);
    expect(codesOf('/claim', '409')).toEqual(['version_conflict', 'not_awaiting_review', 'claim_held']);
    expect(codesOf('/reopen', '422')).toEqual(['validation_error', 'idempotency_key_reused']);
    expect(codesOf('/decision', '409')).toEqual(['version_conflict', 'not_awaiting_review']);
    expect(doc.paths['/v1/workflows/reviews']?.post?.responses['409']?.['x-error-codes']).toEqual(['gate_conflict']);
    expect(doc.paths['/v1/workflows/reviews']?.post?.responses['201']).toBeDefined();
    expect(doc.paths['/v1/workflows/reviews/{run_id}/{block_id}']?.get?.responses['404']).toBeDefined();
    expect(doc.paths['/v1/workflows/reviews/{run_id}/{block_id}']?.get?.responses['200']?.headers).toHaveProperty(
      'ETag',
    );
    expect(
      doc.paths['/v1/workflows/reviews/{run_id}/{block_id}/claim']?.post?.responses['200']?.headers,
    ).toHaveProperty('Idempotent-Replayed');
    expect(
      doc.paths['/v1/workflows/reviews/{run_id}/{block_id}/decision']?.post?.responses['200']?.headers,
    ).not.toHaveProperty('Idempotent-Replayed');
    expect(doc.paths['/v1/workflows/reviews']?.get?.responses['429']?.headers).toHaveProperty('Retry-After');
  });

  it('declares the queue query parameters from ZQueueQuery, unclaimed included', () => {
    const names = (doc.paths['/v1/workflows/reviews']?.get?.parameters ?? [])
      .map(resolveParameter)
      .filter((parameter) => parameter.in === 'query')
      .map((parameter) => parameter.name);
    expect(names).toEqual(Object.keys(schemas.ZQueueQuery.shape));
    expect(names).toContain('unclaimed');
    expect(doc.components.schemas.QueueItem?.properties).toHaveProperty('head_version');
  });

  it('declares the three security schemes', () => {
    expect(doc.components.securitySchemes).toEqual({
      ApiKey: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'Api-Key' }),
      BearerAuth: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      SessionCookie: expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'ri_session' }),
    });
  });

  it('documents that the idempotency fingerprint ignores version_stamp', () => {
    expect(doc.info.description).toMatch(/ignoring `version_stamp`/);
  });

  it('has one route-table entry per declared operation', () => {
    expect(API_ROUTES).toHaveLength(operations().length);
  });
});

/** `app/v1/…/route.ts` files as OpenAPI paths: `[runId]` becomes `{run_id}`; the catch-all 404 is no route. */
function routeFiles(): { path: string; file: string }[] {
  const appDir = path.resolve(import.meta.dirname, '../../app');
  return (readdirSync(path.join(appDir, 'v1'), { recursive: true }) as string[])
    .filter((file) => path.basename(file) === 'route.ts' && !file.includes('[...'))
    .map((file) => {
      const dir = path.dirname(file) === '.' ? '' : `/${path.dirname(file).split(path.sep).join('/')}`;
      const openApiPath = dir.replace(
        /\[([a-zA-Z]+)\]/g,
        (_, name: string) => `{${name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}}`,
      );
      return { path: `/v1${openApiPath}`, file: path.join(appDir, 'v1', file) };
    });
}

describe('the document and the route handlers', () => {
  it('documents exactly the methods the route files export', async () => {
    const served: string[] = [];
    for (const { path: routePath, file } of routeFiles()) {
      const module = (await import(file)) as Record<string, unknown>;
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
        if (typeof module[method] === 'function') served.push(`${method.toLowerCase()} ${routePath}`);
      }
    }
    const documented = API_ROUTES.map((route) => `${route.method.toLowerCase()} ${route.path}`);
    expect(served.sort()).toEqual(documented.sort());
  });
});

describe('the sign-in, session and event routes', () => {
  const operation = (method: 'get' | 'post', routePath: string) => doc.paths[routePath]?.[method] as OpenApiOperation;
  const signIn = operation('post', '/v1/auth/sign-in');
  const signOut = operation('post', '/v1/auth/sign-out');
  const events = operation('get', '/v1/events');
  const eventStream = (): EventStreamContent => {
    const content = events.responses['200']?.content?.['text/event-stream'];
    if (!content) throw new Error('GET /v1/events has no text/event-stream 200');
    return content;
  };

  it('marks sign-in and sign-out public: no credential, no roles, no 401 for a missing credential on sign-out', () => {
    for (const route of [signIn, signOut]) {
      expect(route.security).toEqual([]);
      expect(route['x-roles']).toEqual([]);
      expect(route.description).toContain('**Public:**');
      expect(route.responses['403']?.['x-error-codes']).toEqual(['forbidden']);
      expect(route.responses['200']?.headers).toHaveProperty('Set-Cookie');
    }
    expect(signOut.responses).not.toHaveProperty('401');
    expect(signOut.requestBody).toBeUndefined();
  });

  it('describes the sign-in body, its answer and its failures, 429 with Retry-After', () => {
    expect(signIn.requestBody?.content['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/SignInRequest',
    });
    expect(doc.components.schemas.SignInRequest?.required).toEqual(['email', 'password']);
    expect(signIn.responses['200']?.content?.['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/SignInResult',
    });
    expect(Object.keys(signIn.responses).sort()).toEqual(
      ['200', '400', '401', '403', '413', '415', '422', '429', '500', '503'].sort(),
    );
    expect(signIn.responses['401']?.['x-error-codes']).toEqual(['unauthenticated']);
    expect(signIn.responses['429']?.headers).toHaveProperty('Retry-After');
    expect(signIn.description).toMatch(/5 failures for one email within 15 minutes/);
  });

  it('publishes the Me schema for GET /v1/auth/me, callable by every role', () => {
    const me = operation('get', '/v1/auth/me');
    expect(me['x-roles']).toEqual(ZRole.options);
    expect(me.responses['200']?.content?.['application/json']?.schema).toEqual({ $ref: '#/components/schemas/Me' });
    expect(doc.components.schemas.Me?.required).toEqual(['actor', 'role', 'organization_id']);
  });

  it('describes GET /v1/events as a text/event-stream with ready and review_changed events', () => {
    expect(Object.keys(events.responses['200']?.content ?? {})).toEqual(['text/event-stream']);
    const stream = eventStream();
    expect(Object.keys(stream['x-events'])).toEqual(['ready', 'review_changed']);
    expect(stream['x-events'].review_changed?.data).toEqual({ $ref: '#/components/schemas/ReviewChangedEvent' });
    const changed = doc.components.schemas.ReviewChangedEvent as JsonSchema;
    expect(changed.required).toEqual(['workflow_run_id', 'block_id', 'block_run_id', 'rev', 'status']);
    expect(changed.properties).not.toHaveProperty('organization_id');
    expect(events.responses['401']?.['x-error-codes']).toEqual(['unauthenticated']);
    for (const fact of ['retry: 2000', ': keep-alive', 'every 15 seconds', '`ready`', '`review_changed`']) {
      expect(events.description).toContain(fact);
    }
  });

  it('gives GET /v1/events an example that reads as the stream the route sends', () => {
    const blocks = eventStream().example.split('\n\n').filter(Boolean);
    expect(blocks[0]).toBe('retry: 2000\nevent: ready\ndata: {}');
    const changed = blocks.find((block) => block.startsWith('event: review_changed\n'));
    const data = JSON.parse(changed?.split('\ndata: ')[1] ?? 'null');
    expect(ZReviewChangedEvent.strict().parse(data)).toEqual(data);
    expect(blocks).toContain(': keep-alive');
  });
});

describe('GET /v1/openapi.json', () => {
  it('serves the document with x-request-id, without credentials', async () => {
    const response = await GET(
      new Request('http://localhost/v1/openapi.json', { headers: { 'x-request-id': 'trace-1' } }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('trace-1');
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(getOpenApiDocument())));
  });

  it('serves, byte for byte, the document built from the route registry', async () => {
    const response = await GET(new Request('http://localhost/v1/openapi.json'));
    expect(await response.text()).toBe(JSON.stringify(buildOpenApiDocument()));
  });

  it('builds the document once per process', () => {
    expect(getOpenApiDocument()).toBe(getOpenApiDocument());
  });
});
