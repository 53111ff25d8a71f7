/** Joins class names, skipping the falsy ones: `cx('row', selected && 'bg-selected')`. */
export function cx(...parts: (string | false | null | undefined)[]): string {
  return parts.filter(Boolean).join(' ');
}
