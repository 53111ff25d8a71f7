/** The review page's shape while it loads, so nothing jumps when the data arrives. */
export function ReviewSkeleton() {
  const bar = 'animate-pulse rounded bg-hover';
  return (
    <div role="status" aria-label="Loading review" className="mx-auto w-full max-w-[96rem] space-y-5 px-4 py-5 sm:px-6">
      <div className="space-y-3 border-b border-line pb-4">
        <div className={`${bar} h-4 w-64`} />
        <div className={`${bar} h-7 w-80 max-w-full`} />
        <div className={`${bar} h-5 w-[28rem] max-w-full`} />
      </div>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem] xl:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="space-y-3">
          <div className={`${bar} h-10 w-full`} />
          <div className={`${bar} h-96 w-full`} />
        </div>
        <div className={`${bar} h-72 w-full`} />
      </div>
      <span className="sr-only">Loading review…</span>
    </div>
  );
}
