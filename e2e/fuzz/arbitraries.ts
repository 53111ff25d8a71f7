/**
 * fast-check generators of HTTP requests, built from the OpenAPI document: per operation, values
 * that fit its schemas (so that requests get past validation and reach the service) and values
 * that do not (wrong types, boundary numbers, huge and empty strings, deep nesting, unicode, lone
 * surrogates, NUL, invalid UTF-8, missing and extra fields, odd content types), paths with real,
 * foreign, undecodable and overlong ids, repeated query parameters, bogus cursors, methods the
 * route does not answer, trailing slashes, and every kind of credential.
 */
import fc from 'fast-check';
import { SESSION_COOKIE } from '../../lib/auth/credentials';
import type { JsonSchema, OpenApiDocument } from '../../lib/openapi/document';
import { type Operation, resolve } from './operations';
import type { RawRequest } from './raw-http';
import type { Tenant } from './tenants';

export interface FuzzContext {
  document: OpenApiDocument;
  operations: Operation[];
  /** The organization the fuzzer acts in. */
  tenant: Tenant;
  /** Another organization: its ids must never be reachable from the first. */
  other: Tenant;
  /** `http://127.0.0.1:3100`, the Origin our own pages send. */
  origin: string;
}

export interface FuzzRequest {
  operation: Operation;
  request: RawRequest;
  /** The JSON body holds what must never be stored altered: invalid UTF-8, NUL, a lone surrogate. */
  poisoned: boolean;
}

// ---- values --------------------------------------------------------------------------------

const BOUNDARY_NUMBERS = [
  0,
  -0,
  -1,
  1,
  0.5,
  -2147483649,
  2147483647,
  2147483648,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  -Number.MAX_SAFE_INTEGER - 2,
  1e21,
  1e308,
  -1e308,
  5e-324,
];

const loneSurrogate = fc.constantFrom('\ud800', '\udfff', 'a\udc00b', '\ud83d');
const nul = fc.constantFrom('\u0000', 'a\u0000b');

const hostileStringUpTo = (maxLength: number) =>
  fc.oneof(
    fc.constantFrom(
      '',
      ' ',
      '0',
      'null',
      'true',
      '-1',
      '1e999',
      '[]',
      '{}',
      '<script>alert(1)</script>',
      "'; DROP TABLE x;--",
    ),
    fc.string({ maxLength: 40, unit: 'grapheme' }),
    fc.string({ maxLength: 40, unit: 'binary' }),
    fc.integer({ min: 257, max: maxLength }).map((length) => 'x'.repeat(length)),
    loneSurrogate,
    nul,
  );

const hostileString = hostileStringUpTo(200_000);
// Query strings stay within the 16 KiB Node's HTTP parser reads (see the overlong path segments).
const hostileQueryString = hostileStringUpTo(5000);

function deeplyNested(depth: number, kind: 'array' | 'object'): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i += 1) value = kind === 'array' ? [value] : { a: value };
  return value;
}

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, ...BOUNDARY_NUMBERS),
  hostileString,
  fc
    .tuple(fc.integer({ min: 60, max: 3000 }), fc.constantFrom('array' as const, 'object' as const))
    .map(([depth, kind]) => deeplyNested(depth, kind)),
  fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.anything({ maxDepth: 1 }), { maxKeys: 4 }),
);

/** A value that fits `schema`, most of the time; any value fits a schema that says nothing. */
export function validish(document: OpenApiDocument, schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  const resolved = resolve<JsonSchema>(document, schema);
  if (depth > 6) return fc.constant(null);
  if (resolved.const !== undefined) return fc.constant(resolved.const);
  if (resolved.enum) return fc.constantFrom(...resolved.enum);
  if (resolved.anyOf) return fc.oneof(...resolved.anyOf.map((part) => validish(document, part, depth + 1)));
  const types = Array.isArray(resolved.type) ? resolved.type : resolved.type ? [resolved.type] : [];
  if (types.length > 1) return fc.oneof(...types.map((type) => validish(document, { ...resolved, type }, depth + 1)));
  switch (types[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
    case 'number': {
      const min = typeof resolved.minimum === 'number' ? resolved.minimum : -1000;
      const max = typeof resolved.maximum === 'number' ? resolved.maximum : 1_000_000;
      const edges = [min, max, min - 1, max + 1];
      return fc.oneof(fc.integer({ min: Math.ceil(min), max: Math.floor(max) }), fc.constantFrom(...edges));
    }
    case 'string': {
      if (resolved.pattern) return fc.stringMatching(new RegExp(resolved.pattern), { size: 'small' });
      if (resolved.format === 'uri')
        return fc.constantFrom('http://127.0.0.1:9/hooks', 'https://example.com/x', 'ftp://x');
      if (resolved.format === 'date-time') return fc.date({ noInvalidDate: true }).map((date) => date.toISOString());
      return fc.string({ minLength: resolved.minLength ?? 0, maxLength: Math.min(resolved.maxLength ?? 30, 30) });
    }
    case 'array':
      return fc.array(resolved.items ? validish(document, resolved.items, depth + 1) : fc.anything({ maxDepth: 1 }), {
        maxLength: 4,
      });
    case 'object':
      return objectOf(document, resolved, depth);
    default:
      return fc.anything({ maxDepth: 2 });
  }
}

function objectOf(document: OpenApiDocument, schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  const record = Object.fromEntries(
    Object.entries(properties).map(([name, property]) => [name, validish(document, property, depth + 1)]),
  );
  if (Object.keys(record).length === 0)
    return fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }));
  return fc.record(record, { requiredKeys: schema.required ?? [] });
}

/** What may go wrong with a JSON body: it fits, or one field is off, missing, or one too many. */
function bodyValue(context: FuzzContext, operation: Operation): fc.Arbitrary<unknown> {
  const schema = operation.body ?? {};
  const fitting = validish(context.document, schema);
  const example = fc.constant(operation.bodyExample ?? {});
  const fields = Object.keys(resolve<JsonSchema>(context.document, schema).properties ?? { x: {} });
  const base = fc.oneof(fitting, example);
  return fc.oneof(
    { weight: 3, arbitrary: base },
    {
      weight: 3,
      arbitrary: fc
        .tuple(base, fc.constantFrom(...fields), hostileValue)
        .map(([value, field, bad]) => ({ ...(value as object), [field]: bad })),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(base, fc.constantFrom(...fields)).map(([value, field]) => {
        // A route without a body schema may be handed any value, objects or not.
        if (value === null || typeof value !== 'object') return value;
        const { [field]: _, ...rest } = value as Record<string, unknown>;
        return rest;
      }),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(base, fc.string({ maxLength: 12 }), hostileValue)
        .map(([value, field, extra]) => ({ ...(value as object), [field]: extra })),
    },
    { weight: 1, arbitrary: hostileValue },
  );
}

// ---- bodies as bytes -----------------------------------------------------------------------

const INVALID_UTF8 = [
  Buffer.from([0xff]),
  Buffer.from([0xc0, 0x80]),
  Buffer.from([0xed, 0xa0, 0x80]),
  Buffer.from([0xe2, 0x82]),
  Buffer.from([0xf8, 0x88, 0x80, 0x80, 0x80]),
];

// JSON.stringify writes NUL and lone surrogates as escapes: what the server must refuse.
const UNSTORABLE_ESCAPE = /\\u0000|\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])|(?<!\\ud[89ab][0-9a-f]{2})\\ud[c-f][0-9a-f]{2}/i;

interface Body {
  bytes: Buffer;
  poisoned: boolean;
}

function bodyBytes(context: FuzzContext, operation: Operation): fc.Arbitrary<Body> {
  const json = bodyValue(context, operation).map((value) => JSON.stringify(value) ?? 'undefined');
  return fc.oneof(
    {
      weight: 6,
      arbitrary: json.map((text) => ({ bytes: Buffer.from(text), poisoned: UNSTORABLE_ESCAPE.test(text) })),
    },
    {
      // Invalid UTF-8 spliced into the JSON text, inside a string where there is one.
      weight: 2,
      arbitrary: fc.tuple(json, fc.constantFrom(...INVALID_UTF8), fc.nat()).map(([text, bad, at]) => {
        const quotes = [...text.matchAll(/"/g)].map((match) => (match.index ?? 0) + 1);
        const cut = quotes.length > 0 ? (quotes[at % quotes.length] as number) : at % (text.length + 1);
        const bytes = Buffer.from(text);
        const offset = Buffer.byteLength(text.slice(0, cut));
        return { bytes: Buffer.concat([bytes.subarray(0, offset), bad, bytes.subarray(offset)]), poisoned: true };
      }),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('', '{', '{"a":', 'null', '[]', '\ufeff{}', '{"a":1}{"b":2}', '{"__proto__":{"x":1}}', '1e999')
        .map((text) => ({ bytes: Buffer.from(text), poisoned: false })),
    },
  );
}

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/merge-patch+json',
  'application/json; charset=latin1',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/jsonx',
];

// ---- paths, queries, methods, credentials --------------------------------------------------

/** encodeURIComponent, but a lone surrogate goes out as the bytes Buffer makes of it instead of throwing. */
function percentEncode(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9_.~-]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

const UNDECODABLE = ['%FF', '%C0%80', '%ED%A0%80', '%E0%A4%A', '%', '%%41', '%zz', '%00', 'a%00b'];
const ODD_SEGMENTS = ['.', '..', '%2e%2e', '%2F', 'a%2Fb', '~', '-', 'null', 'undefined', '0', '%20', 'caf%C3%A9'];

function segment(context: FuzzContext, name: string): fc.Arbitrary<string | Buffer> {
  const own = context.tenant;
  const theirs = context.other;
  const realOwn = [...own.gates.map((gate) => (name === 'block_id' ? gate.blockId : gate.runId)), ...own.ids];
  const realTheirs = [...theirs.gates.map((gate) => (name === 'block_id' ? gate.blockId : gate.runId)), ...theirs.ids];
  return fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...realOwn) },
    { weight: 2, arbitrary: fc.constantFrom(...realTheirs) },
    { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9_.~-]{1,24}$/) },
    { weight: 1, arbitrary: fc.string({ maxLength: 24, unit: 'grapheme' }).map(percentEncode) },
    // Overlong, mostly within what Node's HTTP parser reads at all: past 16 KiB of request line
    // and headers (two such segments, a long cookie) it answers a bare 431 itself (oracle.ts).
    { weight: 1, arbitrary: fc.integer({ min: 120, max: 7_000 }).map((length) => 'a'.repeat(length)) },
    { weight: 2, arbitrary: fc.constantFrom(...UNDECODABLE, ...ODD_SEGMENTS) },
    // Raw bytes above 0x7f on the request line are not sent: Node's HTTP parser refuses them
    // with a bare 400 before any of the app runs. Percent-encoded, they are all above.
  );
}

function pathOf(context: FuzzContext, operation: Operation): fc.Arbitrary<Buffer> {
  const values = fc.tuple(...operation.pathParams.map((name) => segment(context, name)));
  return fc.tuple(values, fc.constantFrom('', '', '', '', '', '/', '//')).map(([parts, trailer]) => {
    const pieces = operation.path.split(/\{[a-z_]+\}/);
    const bytes: Buffer[] = [];
    pieces.forEach((piece, index) => {
      bytes.push(Buffer.from(piece));
      const part = parts[index];
      if (part !== undefined) bytes.push(typeof part === 'string' ? Buffer.from(part, 'latin1') : part);
    });
    bytes.push(Buffer.from(trailer));
    return Buffer.concat(bytes);
  });
}

const BOGUS_CURSORS = [
  'x',
  '',
  'eyJ9',
  'eyJ0IjoxfQ',
  '%FF',
  'bnVsbA',
  Buffer.from('{"at":"x","id":1}').toString('base64url'),
];

function queryOf(context: FuzzContext, operation: Operation): fc.Arbitrary<string> {
  const pairs = operation.query.map((parameter) =>
    fc.oneof(
      {
        weight: 4,
        arbitrary: validish(context.document, parameter.schema).map((value) => [
          [parameter.name, percentEncode(typeof value === 'string' ? value : JSON.stringify(value))],
        ]),
      },
      { weight: 1, arbitrary: hostileQueryString.map((value) => [[parameter.name, percentEncode(value)]]) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(...UNDECODABLE, ...BOGUS_CURSORS).map((value) => [[parameter.name, value]]),
      },
      // Repeated parameters: the same name with two values.
      {
        weight: 1,
        arbitrary: fc.tuple(hostileQueryString, hostileQueryString).map(([a, b]) => [
          [parameter.name, percentEncode(a)],
          [parameter.name, percentEncode(b)],
        ]),
      },
      { weight: 3, arbitrary: fc.constant([]) },
    ),
  );
  const extra = fc.oneof(
    { weight: 4, arbitrary: fc.constant([]) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.string({ maxLength: 8 }), hostileQueryString)
        .map(([name, value]) => [[percentEncode(name), percentEncode(value)]]),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        [['cursor', 'bogus']],
        [['limit', '-1']],
        [['limit', '1e9']],
        [['format', 'csv']],
        [['%FF', '%FF']],
      ),
    },
  );
  return fc.tuple(fc.tuple(...pairs), extra).map(([declared, more]) => {
    const all = [...(declared as string[][][]).flat(), ...(more as string[][])];
    return all.length === 0 ? '' : `?${all.map(([name, value]) => `${name}=${value}`).join('&')}`;
  });
}

// Methods Node's HTTP parser knows; one it does not know is not HTTP and never reaches the app.
const OTHER_METHODS = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
  'TRACE',
  'PROPFIND',
  'PURGE',
  'QUERY',
];

type Credential = { headers: [string, string][]; cookie: boolean };

function credentialOf(context: FuzzContext): fc.Arbitrary<Credential> {
  const { tenant, other } = context;
  const keyed = (key: string): Credential => ({ headers: [['api-key', key]], cookie: false });
  const session = (token: string): Credential => ({
    headers: [
      ['cookie', `${SESSION_COOKIE}=${token}`],
      ['origin', context.origin],
    ],
    cookie: true,
  });
  return fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...Object.values(tenant.keys)).map(keyed) },
    { weight: 3, arbitrary: fc.constantFrom(...Object.values(tenant.sessions)).map(session) },
    { weight: 1, arbitrary: fc.constantFrom(...Object.values(other.keys)).map(keyed) },
    { weight: 2, arbitrary: fc.constant<Credential>({ headers: [], cookie: false }) },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom<[string, string][]>(
          [['api-key', 'rik_unknown']],
          [['authorization', 'Bearer']],
          [['authorization', 'Basic dXNlcjpwYXNz']],
          [['cookie', `${SESSION_COOKIE}=%E0%A4%A`]],
          [['cookie', `${SESSION_COOKIE}=`]],
          [['cookie', `${SESSION_COOKIE}=${'a'.repeat(5000)}`]],
          [['cookie', `=;;${SESSION_COOKIE}==;`]],
          [['cookie', `${SESSION_COOKIE}=\u00ff\u00fe`]],
        )
        .map((headers) => ({ headers, cookie: true })),
    },
  );
}

const requestId = fc.oneof(
  { weight: 4, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9_.:-]{1,128}$/) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', 'x'.repeat(129), 'a b', '\u00ff', '../../etc') },
);

// ---- requests ------------------------------------------------------------------------------

function requestFor(context: FuzzContext, operation: Operation): fc.Arbitrary<FuzzRequest> {
  const method = fc.oneof(
    { weight: 7, arbitrary: fc.constant(operation.method) },
    { weight: 1, arbitrary: fc.constantFrom(...OTHER_METHODS) },
  );
  const body = fc.oneof(
    { weight: operation.body ? 8 : 1, arbitrary: bodyBytes(context, operation) },
    { weight: 1, arbitrary: fc.constant(null) },
  );
  const contentType = fc.oneof(
    { weight: 8, arbitrary: fc.constant('application/json') },
    { weight: 2, arbitrary: fc.constantFrom(...CONTENT_TYPES, null) },
  );
  const accept = fc.constantFrom(null, null, null, 'text/csv', 'text/event-stream', '*/*', 'text/html');
  return fc
    .record({
      method,
      path: pathOf(context, operation),
      query: queryOf(context, operation),
      body,
      contentType,
      accept,
      credential: credentialOf(context),
      requestId,
    })
    .map(({ method, path, query, body, contentType, accept, credential, requestId }) => {
      const headers: [string, string][] = [...credential.headers];
      if (body && contentType) headers.push(['content-type', contentType]);
      if (accept) headers.push(['accept', accept]);
      if (requestId !== null) headers.push(['x-request-id', requestId]);
      const target = Buffer.concat([path, Buffer.from(query, 'latin1')]);
      const sendsBody = body !== null && method !== 'GET' && method !== 'HEAD';
      return {
        operation,
        request: { method, target, headers, body: sendsBody ? body.bytes : undefined },
        poisoned: sendsBody && body.poisoned,
      };
    });
}

export function fuzzRequests(context: FuzzContext): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(...context.operations.map((operation) => requestFor(context, operation)));
}

/** How a request reads in a failure report: the request line, headers and the start of the body. */
export function describeRequest({ request }: FuzzRequest): string {
  const target = Buffer.isBuffer(request.target) ? request.target.toString('latin1') : request.target;
  const body = request.body ? `\n${request.body.subarray(0, 300).toString('latin1')}` : '';
  return `${request.method} ${target.slice(0, 300)}\n${request.headers.map(([name, value]) => `${name}: ${value.slice(0, 80)}`).join('\n')}${body}`;
}
