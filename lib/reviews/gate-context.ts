/**
 * The rules for what a gate opening brings besides the output — sources, JSON Schema,
 * likelihoods and citations — and for holding every later snapshot to that schema. Pure: the
 * files the sources name are looked up by the caller, and schemas are compiled by the shared
 * validator (lib/json-schema), so these rules hold the same wherever they run.
 */
import { schemaMismatch, type ValidationIssue, validationError } from '../errors';
import type { CompiledSchema, OutputValidator } from '../json-schema/validator';
import { resolvePointer } from '../json-tools/json-pointer';
import { isJsonObject } from '../json-tools/json-value';
import type { Citation, OpenGateBody, Source, SourceRef } from './schemas';

/** What the database knows of an uploaded file a source names. */
export interface KnownFile {
  mimeType: string;
  pageCount: number | null;
}

/** A source as stored: exactly what the gate sent, without the empty one of `url`/`file_id`. */
export type StoredSource = { name: string; mime_type: string } & ({ url: string } | { file_id: string });
export type StoredCitations = Record<string, Required<Citation>[]>;

export interface GateContext {
  sources: StoredSource[];
  jsonSchema: Record<string, unknown> | null;
  likelihoods: Record<string, unknown> | null;
  citations: StoredCitations | null;
}

/** The ids of the uploaded files a gate's sources name, to look up before `checkGateContext`. */
export function fileIdsOf(sources: readonly SourceRef[] | null | undefined): string[] {
  return [...new Set((sources ?? []).flatMap((source) => (source.file_id ? [source.file_id] : [])))];
}

export interface GateContextInput {
  body: OpenGateBody;
  /** The files of the caller's organization among `fileIdsOf(body.sources)`; absent ones are unknown. */
  files: ReadonlyMap<string, KnownFile>;
  /** The gate's `json_schema`, compiled (absent without one). */
  schema: CompiledSchema | null;
}

/**
 * Checks the gate's sources, schema, likelihoods and citations against each other and against
 * `model_output`: `422 validation_error` naming every failing path of the body, or
 * `422 schema_mismatch` when `model_output` does not validate against `json_schema`.
 */
export function checkGateContext({ body, files, schema }: GateContextInput): GateContext {
  const sources = body.sources ?? [];
  const issues: ValidationIssue[] = [
    ...sourceIssues(sources, files),
    ...(schema && !schema.ok
      ? schema.issues.map((issue) => ({ path: ['json_schema', ...issue.path], message: issue.message }))
      : []),
    ...(body.likelihoods ? likelihoodIssues(body.likelihoods, body.model_output, ['likelihoods']) : []),
    ...(body.citations ? citationIssues(body.citations, body.model_output, sources, files) : []),
  ];
  if (issues.length > 0) throw validationError(issues);
  if (schema?.ok) assertMatchesSchema(schema.validate, body.model_output, 'model_output');
  return {
    sources: sources.map(storedSource),
    jsonSchema: body.json_schema ?? null,
    likelihoods: body.likelihoods ?? null,
    citations: body.citations ? storedCitations(body.citations) : null,
  };
}

/** `422 schema_mismatch` unless `output` validates; `what` names it in the message. */
export function assertMatchesSchema(validate: OutputValidator, output: unknown, what: string): void {
  const issues = validate(output);
  if (issues.length > 0) throw schemaMismatch(issues, what);
}

function storedSource(source: SourceRef): StoredSource {
  const base = { name: source.name, mime_type: source.mime_type };
  return source.file_id ? { ...base, file_id: source.file_id } : { ...base, url: source.url ?? '' };
}

function storedCitations(citations: Record<string, Citation[]>): StoredCitations {
  const stored: StoredCitations = {};
  for (const [pointer, boxes] of Object.entries(citations)) {
    stored[pointer] = boxes.map(({ source, page, bbox, text }) => ({ source, page, bbox, text: text ?? null }));
  }
  return stored;
}

/** A stored source as the overlay shows it: an uploaded file is fetched from this server. */
export function wireSource(source: StoredSource): Source {
  return 'file_id' in source
    ? { name: source.name, mime_type: source.mime_type, url: `/v1/files/${source.file_id}`, file_id: source.file_id }
    : { name: source.name, mime_type: source.mime_type, url: source.url, file_id: null };
}

function sourceIssues(sources: readonly SourceRef[], files: ReadonlyMap<string, KnownFile>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  sources.forEach((source, index) => {
    if (!source.file_id) return;
    const file = files.get(source.file_id);
    if (!file) {
      issues.push({ path: ['sources', index, 'file_id'], message: `no file ${source.file_id} in this organization` });
    } else if (file.mimeType !== source.mime_type) {
      issues.push({
        path: ['sources', index, 'mime_type'],
        message: `file ${source.file_id} was uploaded as ${file.mimeType}, not ${source.mime_type}`,
      });
    }
  });
  return issues;
}

/**
 * Likelihoods follow the output's shape: objects and arrays where it has them (any subset of
 * their keys and items), a number from 0 to 1 where it has a scalar.
 */
function likelihoodIssues(likelihood: unknown, output: unknown, path: (string | number)[]): ValidationIssue[] {
  if (Array.isArray(output)) {
    if (!Array.isArray(likelihood)) return [{ path, message: 'must be an array, like model_output here' }];
    if (likelihood.length > output.length) {
      return [{ path, message: `has ${likelihood.length} items; model_output has ${output.length} here` }];
    }
    return likelihood.flatMap((item, index) => likelihoodIssues(item, output[index], [...path, index]));
  }
  if (isJsonObject(output)) {
    if (!isJsonObject(likelihood)) return [{ path, message: 'must be an object, like model_output here' }];
    return Object.entries(likelihood).flatMap(([key, item]) =>
      Object.hasOwn(output, key)
        ? likelihoodIssues(item, output[key], [...path, key])
        : [{ path: [...path, key], message: 'model_output has no such key' }],
    );
  }
  if (typeof likelihood !== 'number' || likelihood < 0 || likelihood > 1) {
    return [{ path, message: 'must be a number from 0 to 1' }];
  }
  return [];
}

function citationIssues(
  citations: Record<string, Citation[]>,
  output: Record<string, unknown>,
  sources: readonly SourceRef[],
  files: ReadonlyMap<string, KnownFile>,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const [pointer, boxes] of Object.entries(citations)) {
    if (resolvePointer(output, pointer) === null) {
      issues.push({ path: ['citations', pointer], message: 'this JSON pointer names nothing in model_output' });
    }
    boxes.forEach((box, index) => {
      const at = ['citations', pointer, index];
      const source = sources[box.source];
      if (!source) {
        issues.push({ path: [...at, 'source'], message: `there are ${sources.length} sources (indexes from 0)` });
      } else {
        const pageCount = source.file_id ? (files.get(source.file_id)?.pageCount ?? null) : null;
        if (pageCount !== null && box.page > pageCount) {
          issues.push({ path: [...at, 'page'], message: `source ${box.source} has ${pageCount} pages` });
        }
      }
      const [x0, y0, x1, y1] = box.bbox;
      if (!(x0 < x1 && y0 < y1)) issues.push({ path: [...at, 'bbox'], message: 'must have x0 < x1 and y0 < y1' });
    });
  }
  return issues;
}
