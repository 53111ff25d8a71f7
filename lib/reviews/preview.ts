/**
 * A queue item's `preview`, worked out in the browser for a review it already holds whole (a
 * live change patched into a loaded view). The database works out the same thing once per version,
 * when it is written (snapshot_preview(), read by queue-sql.ts), so a page never parses whole
 * snapshots; queue-views.db.test.ts keeps the two equal.
 */
import { PREVIEW_FIELDS, PREVIEW_KEY_CHARS, PREVIEW_VALUE_CHARS, type QueueItem } from './schemas';

type Preview = NonNullable<QueueItem['preview']>;

/** The first characters of `text`, counted as PostgreSQL's `left` counts them: by code point. */
const leftChars = (text: string, count: number) => Array.from(text).slice(0, count).join('');

export function previewOf(snapshot: Record<string, unknown>): Preview {
  const preview: Preview = [];
  for (const [key, value] of Object.entries(snapshot)) {
    if (preview.length === PREVIEW_FIELDS) break;
    if (typeof value === 'string')
      preview.push({ key: leftChars(key, PREVIEW_KEY_CHARS), value: leftChars(value, PREVIEW_VALUE_CHARS) });
    else if (typeof value === 'number' || typeof value === 'boolean')
      preview.push({ key: leftChars(key, PREVIEW_KEY_CHARS), value });
  }
  return preview;
}
