/**
 * The operations of the OpenAPI document, flattened into what a test needs to call each one:
 * method, path and its placeholders, query parameters, the body schema with its example, the
 * roles that may call it and the statuses it documents. Everything is read from the document,
 * so a route added to the registry is fuzzed and checked without touching the tests.
 */
import type { JsonSchema, OpenApiDocument, OpenApiOperation, OpenApiParameter, Ref } from '../../lib/openapi/document';

export interface Operation {
  operationId: string;
  method: string;
  path: string;
  pathParams: string[];
  query: OpenApiParameter[];
  body: JsonSchema | null;
  bodyExample: Record<string, unknown> | null;
  /** Roles that may call it; empty for a public operation. */
  roles: string[];
  statuses: number[];
  /** The content types of its successful answers. */
  successTypes: string[];
}

export function resolve<T>(document: OpenApiDocument, value: T | Ref): T {
  if (value && typeof value === 'object' && '$ref' in value && typeof value.$ref === 'string') {
    const [, , section, name] = value.$ref.split('/') as [string, string, keyof OpenApiDocument['components'], string];
    return resolve(document, document.components[section][name] as T | Ref);
  }
  return value as T;
}

export function operationsOf(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]: [string, OpenApiOperation]) => {
      const parameters = operation.parameters.map((parameter) => resolve<OpenApiParameter>(document, parameter));
      const json = operation.requestBody?.content['application/json'];
      const statuses = Object.keys(operation.responses).map(Number);
      return {
        operationId: operation.operationId,
        method: method.toUpperCase(),
        path,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        query: parameters.filter((p) => p.in === 'query'),
        body: json && '$ref' in json.schema ? resolve<JsonSchema>(document, json.schema) : null,
        bodyExample: json?.example ?? null,
        roles: operation['x-roles'],
        statuses,
        successTypes: statuses
          .filter((status) => status < 300)
          .flatMap((status) => Object.keys(operation.responses[String(status)]?.content ?? {})),
      };
    }),
  );
}

/** The path with its placeholders filled in, each value sent as given (already encoded). */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{([a-z_]+)\}/g, (_, name: string) => values[name] ?? name);
}
