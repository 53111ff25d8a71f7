import type { Metadata } from 'next';
import { Fragment, type ReactNode } from 'react';
import { cx } from '@/components/ui/class-names';
import type { ErrorCode } from '@/lib/errors';
import { STATUS_BY_CODE } from '@/lib/http/error-status';
import {
  API_GUIDE,
  ERROR_CODE_DESCRIPTIONS,
  getOpenApiDocument,
  type HttpMethod,
  type JsonSchema,
  type OpenApiDocument,
  type OpenApiOperation,
  type OpenApiParameter,
  requestBodyRef,
} from '@/lib/openapi/document';

export const metadata: Metadata = {
  title: 'API reference · Review Inbox',
  description: 'Routes, objects, errors and examples of the Review Inbox HTTP API.',
};

interface Entry {
  path: string;
  method: HttpMethod;
  operation: OpenApiOperation;
}

interface FieldRow {
  name: string;
  schema: JsonSchema;
  required: boolean;
  description: string | undefined;
}

// ---- reading the document ------------------------------------------------------------------

function entriesOf(doc: OpenApiDocument): Entry[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    (Object.entries(item) as [HttpMethod, OpenApiOperation][]).map(([method, operation]) => ({
      path,
      method,
      operation,
    })),
  );
}

/** The route's own parameters; the shared ones (x-request-id) are explained once, in the overview. */
function parametersOf(operation: OpenApiOperation): OpenApiParameter[] {
  return operation.parameters.filter((parameter): parameter is OpenApiParameter => !('$ref' in parameter));
}

function refName(ref: string): string {
  return ref.slice(ref.lastIndexOf('/') + 1);
}

/** Top-level fields, with inline objects (not named schemas) spelled out as `parent.child`. */
function fieldsOf(schema: JsonSchema, prefix = ''): FieldRow[] {
  const rows: FieldRow[] = [];
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const fullName = `${prefix}${name}`;
    rows.push({
      name: fullName,
      schema: property,
      required: schema.required?.includes(name) ?? false,
      description: property.description,
    });
    const inner = property.anyOf?.find((branch) => branch.type !== 'null') ?? property;
    if (inner.properties) rows.push(...fieldsOf(inner, `${fullName}.`));
    if (inner.items?.properties) rows.push(...fieldsOf(inner.items, `${fullName}[].`));
  }
  return rows;
}

function constraintsOf(schema: JsonSchema): string[] {
  const inner = schema.anyOf?.find((branch) => branch.type !== 'null') ?? schema;
  const notes: string[] = [];
  if (inner.minimum !== undefined && inner.maximum !== undefined) notes.push(`${inner.minimum}–${inner.maximum}`);
  else if (inner.minimum !== undefined) notes.push(`≥ ${inner.minimum}`);
  else if (inner.maximum !== undefined) notes.push(`≤ ${inner.maximum}`);
  if (inner.minLength !== undefined && inner.maxLength !== undefined)
    notes.push(`${inner.minLength}–${inner.maxLength} chars`);
  else if (inner.maxLength !== undefined) notes.push(`≤ ${inner.maxLength} chars`);
  if (inner.pattern !== undefined) notes.push(`pattern ${inner.pattern}`);
  const fallback = schema.default ?? inner.default;
  if (fallback !== undefined) notes.push(`default ${JSON.stringify(fallback)}`);
  return notes;
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function curlFor({ path, method, operation }: Entry): string {
  const parameters = parametersOf(operation);
  const url = path.replace(/\{([a-z_]+)\}/g, (_, name: string) => {
    const example = parameters.find((parameter) => parameter.in === 'path' && parameter.name === name)?.example;
    return example ?? `$${name.toUpperCase()}`;
  });
  const query = parameters
    .filter((parameter) => parameter.in === 'query' && parameter.example !== undefined)
    .map((parameter) => `${parameter.name}=${encodeURIComponent(parameter.example ?? '')}`)
    .join('&');
  const lines = [
    `curl -sS${method === 'get' ? '' : ` -X ${method.toUpperCase()}`} "$REVIEW_INBOX_URL${url}${query ? `?${query}` : ''}"`,
  ];
  if (operation.security === undefined) lines.push(`-H "Api-Key: $REVIEW_INBOX_API_KEY"`);
  const body = operation.requestBody?.content['application/json']?.example;
  if (body) {
    lines.push('-H "Content-Type: application/json"');
    lines.push(`-d ${shellQuote(JSON.stringify(body, null, 2))}`);
  }
  return lines.join(' \\\n  ');
}

// ---- small pieces ---------------------------------------------------------------------------

/** Pieces of `text` between separators, each keyed by where it starts in the text. */
function piecesOf(text: string, separator: RegExp): { text: string; at: number }[] {
  let at = 0;
  return text.split(separator).map((piece) => {
    const entry = { text: piece, at };
    at += piece.length;
    return entry;
  });
}

/** `code` and **bold** inside a line of prose, rendered as elements, never as HTML. */
function Inline({ text }: { text: string }) {
  return (
    <>
      {piecesOf(text, /(`[^`]+`|\*\*[^*]+\*\*)/g).map(({ text: part, at }) => {
        if (part.startsWith('`') && part.endsWith('`') && part.length > 1) {
          return (
            <code key={at} className="rounded bg-neutral-100 px-1 py-px font-mono text-[0.85em] text-neutral-800">
              {part.slice(1, -1)}
            </code>
          );
        }
        if (part.startsWith('**') && part.endsWith('**') && part.length > 3) {
          return (
            <strong key={at} className="font-semibold text-neutral-900">
              {part.slice(2, -2)}
            </strong>
          );
        }
        return <Fragment key={at}>{part}</Fragment>;
      })}
    </>
  );
}

/** Paragraphs separated by blank lines; a block of `- ` lines is a list. */
function Prose({ text }: { text: string }) {
  return (
    <div className="space-y-3 text-sm leading-6 text-neutral-700">
      {piecesOf(text, /(\n\s*\n)/).map(({ text: block, at }) => {
        if (block.trim() === '') return null;
        const lines = piecesOf(block, /(\n)/).filter((line) => line.text !== '\n');
        if (lines.every((line) => line.text.startsWith('- '))) {
          return (
            <ul key={at} className="list-disc space-y-1 pl-5 marker:text-neutral-400">
              {lines.map((line) => (
                <li key={line.at}>
                  <Inline text={line.text.slice(2)} />
                </li>
              ))}
            </ul>
          );
        }
        return (
          <p key={at}>
            <Inline text={block} />
          </p>
        );
      })}
    </div>
  );
}

const METHOD_STYLES: Record<HttpMethod, string> = {
  get: 'bg-emerald-50 text-emerald-700 ring-emerald-600/20',
  post: 'bg-sky-50 text-sky-700 ring-sky-600/20',
  patch: 'bg-amber-50 text-amber-800 ring-amber-600/20',
  delete: 'bg-rose-50 text-rose-700 ring-rose-600/20',
};

function MethodBadge({ method }: { method: HttpMethod }) {
  return (
    <span
      className={`inline-block w-12 shrink-0 rounded px-1 py-px text-center font-mono text-[10px] font-semibold uppercase ring-1 ring-inset ${METHOD_STYLES[method]}`}
    >
      {method}
    </span>
  );
}

function TypeView({ schema }: { schema: JsonSchema }): ReactNode {
  if (schema.$ref) {
    const name = refName(schema.$ref);
    return (
      <a href={`#schema-${name}`} className="text-sky-700 hover:underline">
        {name}
      </a>
    );
  }
  if (schema.anyOf) {
    return schema.anyOf.map((branch) => (
      <Fragment key={JSON.stringify(branch)}>
        {branch !== schema.anyOf?.[0] && ' | '}
        <TypeView schema={branch} />
      </Fragment>
    ));
  }
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(' | ');
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (Array.isArray(schema.type)) return schema.type.join(' | ');
  if (schema.type === 'array') {
    return <>{schema.items ? <TypeView schema={schema.items} /> : 'unknown'}[]</>;
  }
  return schema.type ?? 'any JSON';
}

function SubHeading({ children }: { children: ReactNode }) {
  return <h4 className="mb-2 mt-6 text-xs font-semibold uppercase tracking-wide text-neutral-500">{children}</h4>;
}

/** The bordered, horizontally scrolling table every reference table uses; `head` is an optional header row. */
function DocTable({ className, head, children }: { className?: string; head?: ReactNode; children: ReactNode }) {
  return (
    <div className={cx(className, 'overflow-x-auto')}>
      <table className="w-full border-t border-neutral-200 text-left text-[13px]">
        {head && <thead>{head}</thead>}
        <tbody className="divide-y divide-neutral-100">{children}</tbody>
      </table>
    </div>
  );
}

/** A field's or parameter's type, under its name. */
function TypeLine({ schema }: { schema: JsonSchema }) {
  return (
    <div className="mt-0.5 break-words font-mono text-[11.5px] text-neutral-500">
      <TypeView schema={schema} />
    </div>
  );
}

/** A field's or parameter's description (a dash without one), then its constraints. */
function DescriptionCell({ description, schema }: { description: string | undefined; schema: JsonSchema }) {
  const constraints = constraintsOf(schema);
  return (
    <td className="py-2 text-neutral-700">
      {description ? <Inline text={description} /> : <span className="text-neutral-400">—</span>}
      {constraints.length > 0 && (
        <div className="mt-0.5 break-all font-mono text-[11.5px] text-neutral-500">{constraints.join(' · ')}</div>
      )}
    </td>
  );
}

function FieldTable({ rows, showRequired = true }: { rows: FieldRow[]; showRequired?: boolean }) {
  return (
    <DocTable>
      {rows.map((row) => (
        <tr key={row.name} className="align-top">
          <td className="w-1/3 py-2 pr-4">
            <code className="font-mono text-[12.5px] font-medium text-neutral-900">
              <span className="text-neutral-400">{row.name.slice(0, row.name.lastIndexOf('.') + 1)}</span>
              {row.name.slice(row.name.lastIndexOf('.') + 1)}
            </code>
            {showRequired && (
              <span className={`ml-2 text-[11px] ${row.required ? 'font-medium text-rose-600' : 'text-neutral-400'}`}>
                {row.required ? 'required' : 'optional'}
              </span>
            )}
            <TypeLine schema={row.schema} />
          </td>
          <DescriptionCell description={row.description} schema={row.schema} />
        </tr>
      ))}
    </DocTable>
  );
}

function CodeBlock({ code, label }: { code: string; label: string }) {
  return (
    <figure className="overflow-hidden rounded-lg border border-neutral-800 bg-neutral-900 shadow-sm">
      <figcaption className="border-b border-neutral-800 px-3 py-1.5 text-[11px] font-medium uppercase tracking-wide text-neutral-400">
        {label}
      </figcaption>
      <pre className="overflow-x-auto p-3 text-[12px] leading-5 text-neutral-100">
        <code className="select-all font-mono">{code}</code>
      </pre>
    </figure>
  );
}

function StatusPill({ status }: { status: string }) {
  const ok = status.startsWith('2');
  return (
    <span
      className={`inline-block rounded px-1.5 py-px font-mono text-[11px] font-semibold ${ok ? 'bg-emerald-50 text-emerald-700' : 'bg-amber-50 text-amber-800'}`}
    >
      {status}
    </span>
  );
}

// ---- sections -------------------------------------------------------------------------------

function OperationSection({ doc, entry }: { doc: OpenApiDocument; entry: Entry }) {
  const { path, method, operation } = entry;
  const parameters = parametersOf(operation);
  const bodyRef = requestBodyRef(operation);
  const body = bodyRef ? doc.components.schemas[refName(bodyRef)] : null;
  const roles = operation['x-roles'];
  // The roles line is shown as chips; the rest of the description is prose.
  const description = operation.description.replace(/\n\n\*\*(Roles|Public):\*\*[^\n]*$/, '');

  return (
    <section id={operation.operationId} className="scroll-mt-20 border-t border-neutral-200 pt-10">
      <div className="grid gap-8 xl:grid-cols-[minmax(0,1fr)_minmax(0,26rem)]">
        <div className="min-w-0">
          <h3 className="text-lg font-semibold text-neutral-900">{operation.summary}</h3>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <MethodBadge method={method} />
            <code className="break-all font-mono text-[13px] text-neutral-800">{path}</code>
          </div>
          <div className="mt-3 flex flex-wrap items-center gap-1.5 text-xs">
            {roles.length === 0 ? (
              <span className="rounded-full bg-neutral-100 px-2 py-0.5 text-neutral-600">Public: no credential</span>
            ) : (
              <>
                <span className="text-neutral-500">Roles:</span>
                {roles.map((role) => (
                  <span
                    key={role}
                    className="rounded-full bg-violet-50 px-2 py-0.5 font-medium text-violet-700 ring-1 ring-inset ring-violet-600/15"
                  >
                    {role}
                  </span>
                ))}
              </>
            )}
          </div>
          <div className="mt-4">
            <Prose text={description} />
          </div>

          {parameters.length > 0 && (
            <>
              <SubHeading>Parameters</SubHeading>
              <DocTable>
                {parameters.map((parameter) => (
                  <tr key={`${parameter.in}:${parameter.name}`} className="align-top">
                    <td className="w-1/3 py-2 pr-4">
                      <code className="font-mono text-[12.5px] font-medium text-neutral-900">{parameter.name}</code>
                      <span className="ml-2 text-[11px] text-neutral-400">{parameter.in}</span>
                      {parameter.required && (
                        <span className="ml-1.5 text-[11px] font-medium text-rose-600">required</span>
                      )}
                      <TypeLine schema={parameter.schema} />
                    </td>
                    <DescriptionCell description={parameter.description} schema={parameter.schema} />
                  </tr>
                ))}
              </DocTable>
            </>
          )}

          {body && bodyRef && (
            <>
              <SubHeading>
                Request body ·{' '}
                <a
                  href={`#schema-${refName(bodyRef)}`}
                  className="normal-case tracking-normal text-sky-700 hover:underline"
                >
                  {refName(bodyRef)}
                </a>
              </SubHeading>
              <FieldTable rows={fieldsOf(body)} />
            </>
          )}

          <SubHeading>Responses</SubHeading>
          <DocTable>
            {Object.entries(operation.responses).map(([status, response]) => {
              const schemaRef = response.content?.['application/json']?.schema.$ref;
              const codes = response['x-error-codes'];
              const headers = Object.keys(response.headers ?? {}).filter((name) => name !== 'x-request-id');
              return (
                <tr key={status} className="align-top">
                  <td className="w-16 py-2 pr-3">
                    <StatusPill status={status} />
                  </td>
                  <td className="py-2 text-neutral-700">
                    {codes ? (
                      <ul className="space-y-0.5">
                        {codes.map((code) => (
                          <li key={code}>
                            <code className="font-mono text-[12.5px] font-medium text-neutral-900">{code}</code>
                            <span className="text-neutral-500"> — </span>
                            <Inline text={ERROR_CODE_DESCRIPTIONS[code]} />
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <>
                        <Inline text={response.description} />
                        {schemaRef && (
                          <>
                            {' '}
                            <a
                              href={`#schema-${refName(schemaRef)}`}
                              className="font-mono text-[12px] text-sky-700 hover:underline"
                            >
                              {refName(schemaRef)}
                            </a>
                          </>
                        )}
                      </>
                    )}
                    {headers.length > 0 && (
                      <div className="mt-0.5 text-[12px] text-neutral-500">
                        Headers:{' '}
                        {headers.map((name, index) => (
                          <Fragment key={name}>
                            {index > 0 && ', '}
                            <code className="font-mono">{name}</code>
                          </Fragment>
                        ))}
                      </div>
                    )}
                  </td>
                </tr>
              );
            })}
          </DocTable>
        </div>

        <div className="min-w-0 xl:pt-9">
          <div className="xl:sticky xl:top-20">
            <CodeBlock label="curl" code={curlFor(entry)} />
          </div>
        </div>
      </div>
    </section>
  );
}

function GuideSectionView({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section id={id} className="scroll-mt-20">
      <h2 className="mb-3 text-xl font-semibold text-neutral-900">{title}</h2>
      {children}
    </section>
  );
}

function ErrorTable() {
  const rows = (Object.entries(STATUS_BY_CODE) as [ErrorCode, number][]).sort((a, b) => a[1] - b[1]);
  return (
    <DocTable
      className="mt-4"
      head={
        <tr className="text-xs uppercase tracking-wide text-neutral-500">
          <th className="py-2 pr-4 font-semibold">Status</th>
          <th className="py-2 pr-4 font-semibold">Code</th>
          <th className="py-2 font-semibold">Meaning</th>
        </tr>
      }
    >
      {rows.map(([code, status]) => (
        <tr key={code} className="align-top">
          <td className="w-16 py-2 pr-4">
            <StatusPill status={String(status)} />
          </td>
          <td className="py-2 pr-4">
            <code className="font-mono text-[12.5px] font-medium text-neutral-900">{code}</code>
          </td>
          <td className="py-2 text-neutral-700">
            <Inline text={ERROR_CODE_DESCRIPTIONS[code]} />
          </td>
        </tr>
      ))}
    </DocTable>
  );
}

/** Code blocks that belong under a guide section, built from the document where it has them. */
function guideExtras(entries: Entry[], id: string): ReactNode {
  const conflict = entries.find((entry) => entry.operation.operationId === 'decide')?.operation.responses['409']
    ?.content?.['application/json']?.examples?.version_conflict?.value;
  switch (id) {
    case 'authentication':
      return (
        <div className="mt-4 grid gap-4 lg:grid-cols-2">
          <CodeBlock
            label="Set up the examples"
            code={'export REVIEW_INBOX_URL=http://localhost:3000\nexport REVIEW_INBOX_API_KEY=<your API key>'}
          />
          <CodeBlock
            label="Bearer works too"
            code={
              'curl -sS "$REVIEW_INBOX_URL/v1/workflows/reviews" \\\n  -H "Authorization: Bearer $REVIEW_INBOX_API_KEY"'
            }
          />
        </div>
      );
    case 'compare-and-swap':
      return conflict ? (
        <div className="mt-4">
          <CodeBlock label="409 version_conflict" code={JSON.stringify(conflict, null, 2)} />
        </div>
      ) : null;
    case 'errors':
      return <ErrorTable />;
    case 'pagination':
      return (
        <div className="mt-4">
          <CodeBlock
            label="Next page"
            code={`curl -sS "$REVIEW_INBOX_URL/v1/workflows/reviews?limit=50&cursor=$NEXT_CURSOR" \\\n  -H "Api-Key: $REVIEW_INBOX_API_KEY"`}
          />
        </div>
      );
    default:
      return null;
  }
}

function NavLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a
      href={href}
      className="flex items-center gap-2 rounded px-2 py-1 text-neutral-600 hover:bg-neutral-100 hover:text-neutral-900"
    >
      {children}
    </a>
  );
}

function NavGroup({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div>
      <p className="mb-1 px-2 text-[11px] font-semibold uppercase tracking-wide text-neutral-400">{title}</p>
      <div className="space-y-px">{children}</div>
    </div>
  );
}

export default function DocsPage() {
  const doc = getOpenApiDocument();
  const entries = entriesOf(doc);
  const requestIds = new Set(
    entries.flatMap(({ operation }) => {
      const ref = requestBodyRef(operation);
      return ref ? [refName(ref)] : [];
    }),
  );
  const objects = Object.entries(doc.components.schemas).filter(([id]) => !requestIds.has(id));
  const requests = Object.entries(doc.components.schemas).filter(([id]) => requestIds.has(id));
  const groups = doc.tags.map((tag) => ({
    ...tag,
    entries: entries.filter((entry) => entry.operation.tags.includes(tag.name)),
  }));

  return (
    <div className="min-h-screen bg-white text-neutral-900">
      <header className="sticky top-0 z-10 border-b border-neutral-200 bg-white/95 backdrop-blur">
        <div className="mx-auto flex h-14 max-w-[90rem] items-center justify-between px-6">
          <div className="flex items-baseline gap-3">
            <a href="/" className="text-sm font-semibold text-neutral-900">
              Review Inbox
            </a>
            <span className="text-sm text-neutral-500">API reference</span>
            <span className="rounded bg-neutral-100 px-1.5 py-px font-mono text-[11px] text-neutral-600">
              v{doc.info.version}
            </span>
          </div>
          <a href="/v1/openapi.json" className="text-sm font-medium text-sky-700 hover:underline">
            openapi.json
          </a>
        </div>
      </header>

      <div className="mx-auto flex max-w-[90rem]">
        <nav
          aria-label="API reference"
          className="sticky top-14 hidden h-[calc(100vh-3.5rem)] w-64 shrink-0 space-y-6 overflow-y-auto border-r border-neutral-200 px-4 py-6 text-[13px] lg:block"
        >
          <NavGroup title="Guide">
            {API_GUIDE.map((section) => (
              <NavLink key={section.id} href={`#${section.id}`}>
                {section.title}
              </NavLink>
            ))}
          </NavGroup>
          {groups.map((group) => (
            <NavGroup key={group.name} title={group.name}>
              {group.entries.map(({ method, operation }) => (
                <NavLink key={operation.operationId} href={`#${operation.operationId}`}>
                  <MethodBadge method={method} />
                  <span className="truncate">{operation.summary}</span>
                </NavLink>
              ))}
            </NavGroup>
          ))}
          <NavGroup title="Objects">
            {[...objects, ...requests].map(([id]) => (
              <NavLink key={id} href={`#schema-${id}`}>
                <span className="font-mono text-[12px]">{id}</span>
              </NavLink>
            ))}
          </NavGroup>
        </nav>

        <main className="min-w-0 flex-1 px-6 py-10 lg:px-12">
          <div className="max-w-3xl">
            <h1 className="text-3xl font-semibold tracking-tight text-neutral-900">{doc.info.title}</h1>
            <p className="mt-2 text-sm text-neutral-600">
              Generated from the same zod schemas, role table and error table the server runs on. Machine-readable:{' '}
              <a href="/v1/openapi.json" className="font-mono text-sky-700 hover:underline">
                /v1/openapi.json
              </a>{' '}
              (OpenAPI 3.1).
            </p>
          </div>

          <div className="mt-10 max-w-4xl space-y-12">
            {API_GUIDE.map((section) => (
              <GuideSectionView key={section.id} id={section.id} title={section.title}>
                <Prose text={section.body} />
                {guideExtras(entries, section.id)}
              </GuideSectionView>
            ))}
          </div>

          {groups.map((group) => (
            <div key={group.name} className="mt-16">
              <h2 className="text-xl font-semibold text-neutral-900">{group.name}</h2>
              <p className="mt-1 text-sm text-neutral-600">
                <Inline text={group.description} />
              </p>
              <div className="mt-6 space-y-10">
                {group.entries.map((entry) => (
                  <OperationSection key={entry.operation.operationId} doc={doc} entry={entry} />
                ))}
              </div>
            </div>
          ))}

          <div className="mt-16 max-w-4xl">
            <h2 className="text-xl font-semibold text-neutral-900">Objects</h2>
            <p className="mt-1 text-sm text-neutral-600">What the routes answer with, then what they accept.</p>
            <div className="mt-6 space-y-10">
              {[...objects, ...requests].map(([id, schema]) => (
                <section key={id} id={`schema-${id}`} className="scroll-mt-20 border-t border-neutral-200 pt-8">
                  <h3 className="font-mono text-base font-semibold text-neutral-900">{id}</h3>
                  {schema.description && (
                    <p className="mt-1 text-sm text-neutral-600">
                      <Inline text={schema.description} />
                    </p>
                  )}
                  <div className="mt-3">
                    <FieldTable rows={fieldsOf(schema)} showRequired={requestIds.has(id)} />
                  </div>
                </section>
              ))}
            </div>
          </div>
        </main>
      </div>
    </div>
  );
}
