import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The data files pdf.js fetches while it renders (the standard 14 fonts a PDF may use without
 * embedding them, CJK character maps, image decoders and colour profiles), served by this app
 * from the installed `pdfjs-dist`, so they always match its version and need no internet.
 */
const CONTENT_TYPES = {
  standard_fonts: { '.pfb': 'application/octet-stream', '.ttf': 'font/ttf' },
  cmaps: { '.bcmap': 'application/octet-stream' },
  wasm: { '.wasm': 'application/wasm', '.js': 'text/javascript' },
  iccs: { '.icc': 'application/vnd.iccprofile' },
} as const satisfies Record<string, Record<string, string>>;

type Folder = keyof typeof CONTENT_TYPES;

// From the project root in both `next dev` and `next start`; the package is a runtime dependency.
const ROOT = path.join(process.cwd(), 'node_modules', 'pdfjs-dist');

let available: Map<string, ReadonlySet<string>> | null = null;

/** The package's own file names are the only names served: nothing from the request reaches a path unchecked. */
function filesIn(folder: Folder): ReadonlySet<string> {
  available ??= new Map(
    Object.keys(CONTENT_TYPES).map((name) => [name, new Set(readdirSync(path.join(ROOT, name)))] as const),
  );
  return available.get(folder) ?? new Set();
}

function isFolder(name: string): name is Folder {
  return Object.hasOwn(CONTENT_TYPES, name);
}

/** The file as a response, or null when pdf.js has no such file. */
export async function readPdfJsAsset(folder: string, file: string): Promise<Response | null> {
  if (!isFolder(folder) || !filesIn(folder).has(file)) return null;
  const types: Record<string, string> = CONTENT_TYPES[folder];
  const type = types[path.extname(file)];
  if (!type) return null;
  const bytes = await readFile(path.join(ROOT, folder, file));
  return new Response(new Uint8Array(bytes), {
    headers: {
      'Content-Type': type,
      'Content-Length': String(bytes.byteLength),
      'X-Content-Type-Options': 'nosniff',
      // A day, not `immutable`: the names do not change with the package's version.
      'Cache-Control': 'public, max-age=86400',
    },
  });
}
