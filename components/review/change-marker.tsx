import type { ChangeKind } from '@/lib/json-tools/json-diff';

export const CHANGE_STYLES: Record<ChangeKind, { symbol: string; tone: string }> = {
  added: { symbol: '+', tone: 'bg-green-50 text-green-900 dark:bg-green-950/50 dark:text-green-200' },
  removed: { symbol: '−', tone: 'bg-red-50 text-red-900 dark:bg-red-950/50 dark:text-red-200' },
  changed: { symbol: '~', tone: 'bg-amber-50 text-amber-900 dark:bg-amber-950/50 dark:text-amber-200' },
};

/** Colour alone tells nothing to a screen reader or a colour-blind reviewer, hence symbol and word. */
export function ChangeMarker({ kind }: { kind?: ChangeKind | undefined }) {
  return (
    <>
      <span aria-hidden="true" className="inline-block w-4 shrink-0 select-none text-center">
        {kind ? CHANGE_STYLES[kind].symbol : ''}
      </span>
      {kind && <span className="sr-only">{kind}: </span>}
    </>
  );
}
