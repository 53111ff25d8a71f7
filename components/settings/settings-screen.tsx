'use client';

import type { SettingsAccess } from '@/lib/auth/settings-access';
import { ApiKeysSection } from './api-keys-section';
import { PeopleSection } from './people-section';
import { SlaSection } from './sla-section';
import { WebhooksSection } from './webhooks-section';

const SECTIONS = [
  { id: 'api-keys', label: 'API keys', adminOnly: true },
  { id: 'people', label: 'People', adminOnly: true },
  { id: 'webhooks', label: 'Webhooks', adminOnly: false },
  { id: 'sla', label: 'SLA', adminOnly: false },
];

/** The sections of /settings the caller's role may see, one under the other with links to each. */
export function SettingsScreen({ access }: { access: Exclude<SettingsAccess, null> }) {
  const manage = access === 'manage';
  const sections = SECTIONS.filter((section) => manage || !section.adminOnly);
  return (
    <div className="mx-auto w-full max-w-6xl space-y-8 px-4 py-6">
      <div className="space-y-2">
        <h1 className="text-xl font-semibold">Settings</h1>
        {sections.length > 1 && (
          <nav aria-label="Settings sections">
            <ul className="flex flex-wrap gap-1 text-sm">
              {sections.map((section) => (
                <li key={section.id}>
                  <a href={`#${section.id}`} className="rounded-md px-2 py-1 font-medium text-accent hover:bg-hover">
                    {section.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </div>
      {manage && <ApiKeysSection />}
      {manage && <PeopleSection />}
      <WebhooksSection canManage={manage} />
      <SlaSection canManage={manage} />
    </div>
  );
}
