import type { Metadata } from 'next';
import { Suspense } from 'react';
import { DashboardScreen } from '@/components/dashboard/dashboard-screen';
import { NotAllowed } from '@/components/settings/not-allowed';
import { currentCaller } from '@/lib/auth/current-caller';
import { dashboardAccessOf } from '@/lib/auth/dashboard-access';

export const metadata: Metadata = { title: 'Dashboard · Review Inbox' };

/** How the work stands, for leads and admins. The layout has already signed the caller in. */
export default async function DashboardPage() {
  const caller = await currentCaller();
  if (!caller || !dashboardAccessOf(caller.role)) {
    return <NotAllowed reason="The dashboard is for leads and admins. Ask an admin of your organization for access." />;
  }
  // The dashboard reads its filters from the URL (useSearchParams), which needs a Suspense boundary.
  return (
    <Suspense>
      <DashboardScreen />
    </Suspense>
  );
}
