import { isJsonObject } from '@/lib/json-tools/json-value';

/** A document the output was extracted from, as the overlay returns it (contract: "Sources, schema and confidence"). */
export type Source = { name: string; mime_type: string; url: string };

/** Where on a source a value was read: a box in fractions of the page, origin top left. */
export type Citation = { source: number; page: number; bbox: [number, number, number, number]; text: string | null };

export type Citations = Record<string, Citation[]>;

export type JsonSchema = Record<string, unknown>;

/** The overlay's optional second-stage fields, tolerant of an overlay that has none of them. */
export type WorkbenchInputs = {
  sources: Source[];
  schema: JsonSchema | null;
  likelihoods: unknown;
  citations: Citations;
};

type OverlayExtras = {
  sources?: Source[] | null;
  json_schema?: JsonSchema | null;
  likelihoods?: unknown;
  citations?: Citations | null;
};

export function workbenchInputsOf(overlay: object): WorkbenchInputs {
  const extras = overlay as OverlayExtras;
  return {
    sources: Array.isArray(extras.sources) ? extras.sources : [],
    schema: isJsonObject(extras.json_schema) ? extras.json_schema : null,
    likelihoods: extras.likelihoods ?? null,
    citations: isJsonObject(extras.citations) ? (extras.citations as Citations) : {},
  };
}

export type SourceKind = 'pdf' | 'image' | 'text' | 'other';

export function sourceKindOf(mimeType: string): SourceKind {
  if (mimeType === 'application/pdf') return 'pdf';
  // Browsers cannot draw TIFF, so it is offered as a download like any other type.
  if (mimeType.startsWith('image/') && mimeType !== 'image/tiff') return 'image';
  if (mimeType.startsWith('text/')) return 'text';
  return 'other';
}
