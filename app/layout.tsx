import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

import { Providers } from './providers';

export const metadata: Metadata = {
  title: 'Review Inbox',
  description: 'Human-in-the-loop review inbox for AI workflows',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="bg-white text-neutral-900 antialiased">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
