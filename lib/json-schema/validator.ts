/**
 * JSON Schema (draft 2020-12) validation of review outputs, the same in the browser (as the
 * reviewer types) and on the server (every write): Ajv with the standard formats. Free of Node
 * and of the database, so the browser bundles it as is.
 */
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { ValidationIssue } from '../errors';
import { resolvePointer } from '../json-tools/json-pointer';

/** The problems of one value against a schema, one per failing place; empty when it validates. */
export type OutputValidator = (value: unknown) => ValidationIssue[];

export type CompiledSchema = { ok: true; validate: OutputValidator } | { ok: false; issues: ValidationIssue[] };

function newAjv(): Ajv2020 {
  // Not strict: schemas come from workflow engines and may carry their own annotation keywords.
  // A fresh instance per schema: Ajv refuses a second schema with an `$id` it already holds.
  const ajv = new Ajv2020({ allErrors: true, strict: false, logger: false });
  addFormats(ajv);
  return ajv;
}

/** An Ajv error's place in the validated value, with the missing or extra key where there is one. */
function pathOf(error: ErrorObject, value: unknown): (string | number)[] {
  const base = [...(resolvePointer(value, error.instancePath) ?? pointerTokens(error.instancePath))];
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  const key = params.missingProperty ?? params.additionalProperty;
  return key === undefined ? base : [...base, key];
}

/** The tokens of a pointer that no longer resolves in the value (it fails there, after all). */
function pointerTokens(pointer: string): string[] {
  return pointer === ''
    ? []
    : pointer
        .slice(1)
        .split('/')
        .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function issuesOf(errors: readonly ErrorObject[], value: unknown): ValidationIssue[] {
  return errors.map((error) => ({ path: pathOf(error, value), message: error.message ?? 'is not valid' }));
}

/**
 * Compiles `schema`: `ok: false` with the schema's own problems (not a draft 2020-12 schema, or
 * a `$ref` that cannot be resolved), else a validator of outputs.
 */
export function compileOutputSchema(schema: unknown): CompiledSchema {
  const ajv = newAjv();
  if (!ajv.validateSchema(schema as object)) {
    return { ok: false, issues: issuesOf(ajv.errors ?? [], schema) };
  }
  try {
    const check = ajv.compile(schema as object);
    return { ok: true, validate: (value) => (check(value) ? [] : issuesOf(check.errors ?? [], value)) };
  } catch (error) {
    return { ok: false, issues: [{ path: [], message: error instanceof Error ? error.message : String(error) }] };
  }
}
