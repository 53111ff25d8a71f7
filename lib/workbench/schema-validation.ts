import { compileOutputSchema } from '@/lib/json-schema/validator';
import { formatPointer } from '@/lib/json-tools/json-pointer';
import type { JsonSchema } from './workbench-inputs';

/** Failing JSON pointers and what is wrong there; one message per pointer is enough to show inline. */
export type SchemaErrors = ReadonlyMap<string, string>;

export type SchemaValidator = (value: unknown) => SchemaErrors;

const NO_ERRORS: SchemaErrors = new Map();

/**
 * The overlay's schema, compiled once with the same Ajv setup the server validates with. A schema
 * that does not compile validates nothing here rather than blocking the reviewer: the server,
 * which refused it when the gate opened, has the last word.
 */
export function compileSchemaValidator(schema: JsonSchema): SchemaValidator {
  const compiled = compileOutputSchema(schema);
  if (!compiled.ok) return () => NO_ERRORS;
  return (value) => {
    const issues = compiled.validate(value);
    return issues.length === 0 ? NO_ERRORS : errorsByPointer(issues);
  };
}

type Issue = { path: readonly (string | number)[]; message: string };

function errorsByPointer(issues: readonly Issue[]): SchemaErrors {
  const byPointer = new Map<string, string>();
  for (const issue of issues) {
    const pointer = formatPointer(issue.path);
    if (!byPointer.has(pointer)) byPointer.set(pointer, readable(issue.message));
  }
  return byPointer;
}

/** Ajv's messages, worded for a reviewer looking at one field. */
function readable(message: string): string {
  if (message.startsWith('must have required property')) return 'Required';
  if (message === 'must match format "date"') return 'Not a valid date (YYYY-MM-DD)';
  if (message === 'must be equal to one of the allowed values') return 'Must be one of the listed values';
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/**
 * The failing paths of a server's `422 schema_mismatch` (`details.issues`, each a path of
 * segments and a message), as pointers.
 */
export function serverSchemaErrors(details: Record<string, unknown> | null): SchemaErrors {
  const issues = Array.isArray(details?.issues) ? (details.issues as unknown[]) : [];
  return errorsByPointer(
    issues.filter(
      (issue): issue is Issue =>
        typeof issue === 'object' &&
        issue !== null &&
        Array.isArray((issue as Issue).path) &&
        typeof (issue as Issue).message === 'string',
    ),
  );
}
