import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { toPointer } from './json-pointer';
import type { JsonSchema } from './workbench-inputs';

/** Failing JSON pointers and what is wrong there; one message per pointer is enough to show inline. */
export type SchemaErrors = ReadonlyMap<string, string>;

export type SchemaValidator = (value: unknown) => SchemaErrors;

const NO_ERRORS: SchemaErrors = new Map();

/**
 * Compiles the overlay's schema once; a schema Ajv cannot compile validates nothing rather than
 * blocking the reviewer (the server has the last word).
 */
export function compileSchemaValidator(schema: JsonSchema): SchemaValidator {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  let validate: ReturnType<typeof ajv.compile>;
  try {
    validate = ajv.compile(schema);
  } catch {
    return () => NO_ERRORS;
  }
  return (value) => (validate(value) ? NO_ERRORS : errorsByPointer(validate.errors ?? []));
}

function errorsByPointer(errors: readonly ErrorObject[]): SchemaErrors {
  const byPointer = new Map<string, string>();
  for (const error of errors) {
    // A missing property is reported on its parent; the field itself is where the reviewer looks.
    const pointer =
      error.keyword === 'required'
        ? `${error.instancePath}/${String(error.params.missingProperty)}`
        : error.instancePath;
    if (!byPointer.has(pointer)) byPointer.set(pointer, messageOf(error));
  }
  return byPointer;
}

function messageOf(error: ErrorObject): string {
  switch (error.keyword) {
    case 'required':
      return 'Required';
    case 'format':
      return error.params.format === 'date'
        ? 'Not a valid date (YYYY-MM-DD)'
        : `Must be a valid ${error.params.format}`;
    case 'enum':
      return 'Must be one of the listed values';
    case 'type':
      return `Must be ${error.params.type}`;
    default:
      return error.message ? capitalize(error.message) : 'Does not match the schema';
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The failing paths of a server's `422 schema_mismatch` (`details.issues`), as pointers, whether
 * the server spelled each path as a pointer or as segments.
 */
export function serverSchemaErrors(details: Record<string, unknown> | null): SchemaErrors {
  const issues = Array.isArray(details?.issues) ? (details.issues as unknown[]) : [];
  const byPointer = new Map<string, string>();
  for (const issue of issues) {
    if (typeof issue !== 'object' || issue === null) continue;
    const { path, message } = issue as { path?: unknown; message?: unknown };
    const pointer =
      typeof path === 'string' ? path : Array.isArray(path) ? toPointer(path as (string | number)[]) : null;
    if (pointer !== null && !byPointer.has(pointer))
      byPointer.set(pointer, typeof message === 'string' ? message : 'Does not match the schema');
  }
  return byPointer;
}
