#!/bin/sh
# Review Inbox does not use Prisma's schema engine, and this machine cannot download it.
# Every `prisma` CLI command looks for the engine even when it never calls it (`prisma generate`
# only needs the WebAssembly schema tools bundled with the CLI), so PRISMA_SCHEMA_ENGINE_BINARY
# points here. Migrations are hand-written SQL applied by `npm run db:migrate` (lib/db/migrator.ts),
# which records them in `_prisma_migrations` so that `prisma migrate deploy` stays compatible
# on a machine that does have the engine.
echo "schema-engine stub: Review Inbox applies migrations with 'npm run db:migrate' (see prisma/schema-engine-stub.sh)" >&2
exit 1
