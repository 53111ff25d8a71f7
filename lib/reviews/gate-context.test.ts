import { describe, expect, it } from 'vitest';
import type { AppError } from '../errors';
import { compileOutputSchema } from '../json-schema/validator';
import { checkGateContext, type KnownFile } from './gate-context';
import type { OpenGateBody } from './schemas';

const FILE = 'file_0123456789abcdef01234567';
const files = new Map<string, KnownFile>([[FILE, { mimeType: 'application/pdf', pageCount: 2 }]]);
const output = { vendor: 'Acme', lines: [{ qty: 2 }], note: null };

function body(extra: Partial<OpenGateBody>): OpenGateBody {
  return {
    workflow_id: 'w',
    workflow_version_id: 'v',
    workflow_run_id: 'r',
    block_id: 'b',
    block_type: 'extract',
    model_output: output,
    model: { id: 'm', display_name: 'M' },
    sources: [{ name: 'a.pdf', mime_type: 'application/pdf', file_id: FILE }],
    ...extra,
  };
}

function issuesOf(extra: Partial<OpenGateBody>): { code: string; paths: unknown[] } {
  try {
    const schema = extra.json_schema ? compileOutputSchema(extra.json_schema) : null;
    checkGateContext({ body: body(extra), files, schema });
    return { code: 'none', paths: [] };
  } catch (error) {
    const appError = error as AppError;
    const issues = (appError.details?.issues ?? []) as { path: unknown }[];
    return { code: appError.code, paths: issues.map((issue) => issue.path) };
  }
}

type Box = { source: number; page: number; bbox: [number, number, number, number] };
const box = (over: Partial<Box> = {}): Box => ({ source: 0, page: 1, bbox: [0.1, 0.1, 0.2, 0.2], ...over });

describe('checkGateContext', () => {
  it('accepts a consistent gate and stores citations with text null when absent', () => {
    const context = checkGateContext({
      body: body({
        likelihoods: { vendor: 0.9, lines: [{ qty: 0.4 }], note: 1 },
        citations: { '/lines/0/qty': [box()] },
      }),
      files,
      schema: null,
    });
    expect(context.citations).toEqual({ '/lines/0/qty': [{ ...box(), text: null }] });
    expect(context.sources).toEqual([{ name: 'a.pdf', mime_type: 'application/pdf', file_id: FILE }]);
  });

  it('names every failing path at once', () => {
    const result = issuesOf({
      likelihoods: { vendor: 2, lines: { qty: 1 }, extra: 0.5 },
      citations: { '/nope': [box({ page: 3, source: 1, bbox: [0.5, 0.1, 0.4, 0.2] })] },
    });
    expect(result.code).toBe('validation_error');
    expect(result.paths).toEqual([
      ['likelihoods', 'vendor'],
      ['likelihoods', 'lines'],
      ['likelihoods', 'extra'],
      ['citations', '/nope'],
      ['citations', '/nope', 0, 'source'],
      ['citations', '/nope', 0, 'bbox'],
    ]);
  });

  it('refuses a page past the last page of a PDF whose page count is known', () => {
    expect(issuesOf({ citations: { '/vendor': [box({ page: 3 })] } }).paths).toEqual([
      ['citations', '/vendor', 0, 'page'],
    ]);
    expect(issuesOf({ citations: { '/vendor': [box({ page: 2 })] } }).code).toBe('none');
  });

  it('refuses unknown files and a mime_type other than the upload’s', () => {
    const unknown = 'file_ffffffffffffffffffffffff';
    expect(issuesOf({ sources: [{ name: 'x', mime_type: 'application/pdf', file_id: unknown }] }).paths).toEqual([
      ['sources', 0, 'file_id'],
    ]);
    expect(issuesOf({ sources: [{ name: 'x', mime_type: 'image/png', file_id: FILE }] }).paths).toEqual([
      ['sources', 0, 'mime_type'],
    ]);
  });

  it('tells a schema that does not compile (validation_error) from an output that does not match (schema_mismatch)', () => {
    expect(issuesOf({ json_schema: { type: 'objekt' } }).code).toBe('validation_error');
    const mismatch = issuesOf({ json_schema: { type: 'object', properties: { vendor: { type: 'number' } } } });
    expect(mismatch).toEqual({ code: 'schema_mismatch', paths: [['vendor']] });
  });
});
