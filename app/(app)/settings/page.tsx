import type { Metadata } from 'next';
import { NotAllowed } from '@/components/settings/not-allowed';
import { SettingsScreen } from '@/components/settings/settings-screen';
import { currentCaller } from '@/lib/auth/current-caller';
import { settingsAccessOf } from '@/lib/auth/settings-access';

export const metadata: Metadata = { title: 'Settings · Review Inbox' };

/** The organization's administration: API keys, people, webhooks. The layout has already signed the caller in. */
export default async function SettingsPage() {
  const caller = await currentCaller();
  const access = caller ? settingsAccessOf(caller.role) : null;
  if (!access) return <NotAllowed />;
  return <SettingsScreen access={access} />;
}
