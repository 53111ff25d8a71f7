export default function HomePage() {
  return (
    <main className="mx-auto max-w-2xl p-8">
      <h1 className="text-xl font-semibold">Review Inbox</h1>
      <p className="mt-2 text-sm text-neutral-600">
        The review API is served under <code>/v1</code>; its reference is at <a className="underline" href="/docs">/docs</a>.
      </p>
    </main>
  );
}
