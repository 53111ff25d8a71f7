/**
 * The one wrapper every API route goes through: request id, authentication, role, parsing of
 * params, query and body with zod, and the mapping of every failure to the contract's envelope.
 * Route files only say what they accept and which service function answers.
 */
import type { z } from 'zod';
import { callerForApiKey, callerForSessionToken, apiKeyFrom, SESSION_COOKIE } from '../auth/credentials';
import { AppError, validationError } from '../errors';
import { type Action, type Caller, mayCall } from '../reviews/rules';
import { readJsonBody } from './read-json-body';
import { errorResponse, jsonResponse, REQUEST_ID_HEADER, requestIdFor } from './responses';
import { isDataException, isDatabaseUnavailable } from '../db/database-errors';
import { sameOrigin, sessionTokenFrom } from './cookies';

export interface Reply {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

interface Spec<P, Q, B> {
  /** What the caller does, for the role check; `public` routes need no credential at all. */
  action: Action | 'public';
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
}

interface Context<P, Q, B, C> {
  request: Request;
  caller: C;
  params: P;
  query: Q;
  body: B;
  requestId: string;
}

type NextRouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

function issuesOf(error: z.ZodError, prefix: (string | number)[] = []): AppError {
  return validationError(
    error.issues.map((issue) => ({
      path: [...prefix, ...issue.path.filter((part): part is string | number => typeof part !== 'symbol')],
      message: issue.message,
    })),
  );
}

async function authenticate(request: Request): Promise<Caller> {
  const key = apiKeyFrom(request.headers);
  if (key) {
    const caller = await callerForApiKey(key);
    if (!caller) throw new AppError('unauthenticated', 'this API key is unknown or revoked');
    return caller;
  }
  const token = sessionTokenFrom(request.headers.get('cookie'), SESSION_COOKIE);
  if (token) {
    const caller = await callerForSessionToken(token, new Date());
    if (!caller) throw new AppError('unauthenticated', 'your session has ended: sign in again');
    // A cookie rides along on cross-site requests too; only pages of this origin may mutate.
    if (!['GET', 'HEAD'].includes(request.method) && !sameOrigin(request)) {
      throw new AppError('forbidden', 'cross-site request refused');
    }
    return caller;
  }
  throw new AppError('unauthenticated', 'send an API key in the Api-Key header (or as a Bearer token), or sign in');
}

export function toErrorResponse(error: unknown, request: Request, requestId: string): Response {
  if (error instanceof AppError) return errorResponse(error, requestId);
  if (isDatabaseUnavailable(error)) {
    return errorResponse(new AppError('unavailable', 'the database is unavailable; retry shortly'), requestId);
  }
  const where = `${request.method} ${new URL(request.url).pathname}`;
  if (isDataException(error)) {
    // Validation should have refused this value before the database saw it: logged to close the gap.
    console.warn(`[${requestId}] ${where}: the database refused a value`, error);
    return errorResponse(
      validationError([{ path: [], message: 'the request holds a value the database cannot take' }]),
      requestId,
    );
  }
  console.error(`[${requestId}] ${where} failed`, error);
  return errorResponse(new AppError('internal_error', 'internal error', { request_id: requestId }), requestId);
}

type RouteHandler = (request: Request, context: NextRouteContext) => Promise<Response>;

export function apiRoute<P = undefined, Q = undefined, B = undefined>(
  spec: Spec<P, Q, B> & { action: Action },
  handler: (context: Context<P, Q, B, Caller>) => Promise<Reply | Response>,
): RouteHandler;
export function apiRoute<P = undefined, Q = undefined, B = undefined>(
  spec: Spec<P, Q, B> & { action: 'public' },
  handler: (context: Context<P, Q, B, null>) => Promise<Reply | Response>,
): RouteHandler;
export function apiRoute<P, Q, B>(
  spec: Spec<P, Q, B>,
  // `any`: each overload above fixes whether a caller is present (noExplicitAny is off project-wide).
  handler: (context: Context<P, Q, B, any>) => Promise<Reply | Response>,
): RouteHandler {
  return async (request, context) => {
    const requestId = requestIdFor(request);
    try {
      let caller: Caller | null = null;
      if (spec.action !== 'public') {
        caller = await authenticate(request);
        if (!mayCall(caller.role, spec.action)) {
          throw new AppError('forbidden', `the ${caller.role} role may not call this route`);
        }
      }
      // A path id that cannot exist names nothing: that is a 404, not a validation error.
      let params = undefined as P;
      if (spec.params) {
        const parsed = spec.params.safeParse(await context.params);
        if (!parsed.success) throw new AppError('not_found', 'no such resource');
        params = parsed.data;
      }
      let query = undefined as Q;
      if (spec.query) {
        const parsed = spec.query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
        if (!parsed.success) throw issuesOf(parsed.error);
        query = parsed.data;
      }
      let body = undefined as B;
      if (spec.body) {
        const parsed = spec.body.safeParse(await readJsonBody(request));
        if (!parsed.success) throw issuesOf(parsed.error);
        body = parsed.data;
      }
      const reply = await handler({ request, caller, params, query, body, requestId });
      if (reply instanceof Response) {
        reply.headers.set(REQUEST_ID_HEADER, requestId);
        return reply;
      }
      return jsonResponse(reply.body, { status: reply.status, headers: reply.headers, requestId });
    } catch (error) {
      return toErrorResponse(error, request, requestId);
    }
  };
}
