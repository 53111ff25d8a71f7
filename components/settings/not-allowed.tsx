import Link from 'next/link';

/** For a signed-in person whose role has no business on the page (the API would answer 403). */
export function NotAllowed({
  reason = 'Settings are for admins, and leads may look at the webhooks. Ask an admin of your organization if you need something changed here.',
}: {
  reason?: string;
}) {
  return (
    <div className="mx-auto max-w-xl space-y-3 px-6 py-16 text-center">
      <p className="font-mono text-sm text-fg-muted">403</p>
      <h1 className="text-xl font-semibold">Not allowed</h1>
      <p className="text-sm text-fg-muted">{reason}</p>
      <p>
        <Link href="/" className="text-sm font-medium text-accent hover:underline">
          Back to the inbox
        </Link>
      </p>
    </div>
  );
}
