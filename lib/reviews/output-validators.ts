/**
 * Compiled JSON Schema validators, kept per schema hash: compiling costs milliseconds (Ajv
 * generates code), validating microseconds, and every write to a review with a schema validates.
 */
import { type CompiledSchema, compileOutputSchema } from '../json-schema/validator';

/** Enough for every workflow's schemas at once; the least recently used goes first beyond it. */
const MAX_CACHED = 256;
const compiled = new Map<string, CompiledSchema>();

/** The compiled schema of hash `sha256`, compiling `schema` (or what `load` reads) on a miss. */
export async function compiledSchema(
  sha256: string,
  schema: unknown | (() => Promise<unknown>),
): Promise<CompiledSchema> {
  const hit = compiled.get(sha256);
  if (hit) {
    // Re-inserted so that Map order is recency order.
    compiled.delete(sha256);
    compiled.set(sha256, hit);
    return hit;
  }
  const result = compileOutputSchema(
    typeof schema === 'function' ? await (schema as () => Promise<unknown>)() : schema,
  );
  compiled.set(sha256, result);
  if (compiled.size > MAX_CACHED) {
    const oldest = compiled.keys().next().value;
    if (oldest !== undefined) compiled.delete(oldest);
  }
  return result;
}
