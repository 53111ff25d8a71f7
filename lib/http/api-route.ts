/**
 * The one wrapper every API route goes through: request id, authentication, role, parsing of
 * params, query and body with zod, and the mapping of every failure to the contract's envelope.
 * A route file only binds a spec (define-route.ts) to the service function that answers it.
 */
import type { z } from 'zod';
import { type Action, type Caller, mayCall } from '../auth/authorization';
import { apiKeyFrom, callerForApiKey, callerForSessionToken, SESSION_COOKIE } from '../auth/credentials';
import { isDatabaseUnavailable, isDataException } from '../db/database-errors';
import { AppError, validationError } from '../errors';
import { sameOrigin, sessionTokenFrom } from './cookies';
import { csvResponse, wantsCsv } from './csv-reply';
import type { AnyRouteSpec, Reply, RouteSpec } from './define-route';
import { readJsonBody } from './read-json-body';
import { errorResponse, jsonResponse, NOSNIFF, REQUEST_ID_HEADER, requestIdFor } from './responses';

type NextRouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

function issuesOf(error: z.ZodError, prefix: (string | number)[] = []): AppError {
  return validationError(
    error.issues.map((issue) => ({
      path: [...prefix, ...issue.path.filter((part): part is string | number => typeof part !== 'symbol')],
      message: issue.message,
    })),
  );
}

async function authorize(request: Request, action: Action): Promise<Caller> {
  const caller = await authenticate(request);
  if (!mayCall(caller.role, action)) throw new AppError('forbidden', `the ${caller.role} role may not call this route`);
  return caller;
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

type RouteHandler = (request: Request, context?: NextRouteContext) => Promise<Response>;

/** `[]` for an input the spec does not declare, so the service function never sees a placeholder. */
type Declared<T> = [T] extends [undefined] ? [] : [T];

/**
 * What the service function is called with: the caller (unless the route is public), then the
 * parsed params, query and body the spec declares, then the request if the spec asks for it.
 */
type ServiceArgs<A, P, Q, B, X> = [
  ...(A extends 'public' ? [] : [Caller]),
  ...Declared<P>,
  ...Declared<Q>,
  ...Declared<B>,
  ...(X extends true ? [Request] : []),
];

/** Without a `reply`, the service result is the JSON body itself. */
type ServiceResult<O, R> = unknown extends R ? O : R;

async function inputsOf(
  spec: AnyRouteSpec,
  request: Request,
  context: NextRouteContext | undefined,
): Promise<unknown[]> {
  const inputs: unknown[] = [];
  // A path id that cannot exist names nothing: that is a 404, not a validation error.
  if (spec.params) {
    const parsed = spec.params.safeParse(await context?.params);
    if (!parsed.success) throw new AppError('not_found', 'no such resource');
    inputs.push(parsed.data);
  }
  if (spec.query) {
    const parsed = spec.query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) throw issuesOf(parsed.error);
    inputs.push(parsed.data);
  }
  if (spec.body) {
    const parsed = spec.body.safeParse(await readJsonBody(request, spec.maxBodyBytes));
    if (!parsed.success) throw issuesOf(parsed.error);
    inputs.push(parsed.data);
  }
  if (spec.passRequest) inputs.push(request);
  return inputs;
}

function toResponse(reply: Reply | Response, requestId: string): Response {
  if (reply instanceof Response) {
    reply.headers.set(REQUEST_ID_HEADER, requestId);
    reply.headers.set(NOSNIFF[0], NOSNIFF[1]);
    return reply;
  }
  return jsonResponse(reply.body, { status: reply.status, headers: reply.headers, requestId });
}

/** The handler of one route: `export const POST = handle(claimRoute, claim)`. */
export function handle<A extends Action | 'public', P, Q, B, O, R, X extends boolean>(
  spec: RouteSpec<A, P, Q, B, O, R, X>,
  serve: (...args: ServiceArgs<A, P, Q, B, X>) => ServiceResult<O, R> | Promise<ServiceResult<O, R>>,
): RouteHandler {
  const run = serve as (...args: unknown[]) => unknown;
  // A service that streams answers with its own Response; any other result is the JSON body.
  const reply = (spec.reply ?? ((result: unknown) => (result instanceof Response ? result : { body: result }))) as (
    result: unknown,
  ) => Reply | Response;
  return async (request, context) => {
    const requestId = requestIdFor(request);
    try {
      const caller = spec.action === 'public' ? null : await authorize(request, spec.action);
      const inputs = await inputsOf(spec, request, context);
      const result = await run(...(caller ? [caller] : []), ...inputs);
      if (spec.csv && wantsCsv(request)) return toResponse(csvResponse(spec, result, request), requestId);
      return toResponse(reply(result), requestId);
    } catch (error) {
      return toErrorResponse(error, request, requestId);
    }
  };
}
