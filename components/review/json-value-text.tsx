import { isJsonObject } from '@/lib/json-tools/json-value';

/** A value as plain text; `undefined` is how merge results say a field is not there. */
export function JsonValueText({ value }: { value: unknown }) {
  if (value === undefined) return <em className="text-xs text-neutral-500">(field removed)</em>;
  const nonEmpty = Array.isArray(value) ? value.length > 0 : isJsonObject(value) && Object.keys(value).length > 0;
  if (nonEmpty) {
    return (
      <pre className="max-h-48 overflow-auto whitespace-pre-wrap wrap-anywhere rounded bg-neutral-50 p-2 font-mono text-xs dark:bg-neutral-900">
        {JSON.stringify(value, null, 2)}
      </pre>
    );
  }
  return <code className="font-mono text-xs wrap-anywhere">{JSON.stringify(value)}</code>;
}
