-- Every answer about an overlay carries its whole history, so history is capped: at most 200
-- versions and 8 MiB of snapshots per overlay (lib/reviews/rules.ts). The size is kept on the
-- overlay row by each write, so checking it never reads the snapshots. Overlays that already
-- exceed a cap keep their history and refuse further versions.

-- AlterTable
ALTER TABLE "overlays" ADD COLUMN "snapshot_bytes" INTEGER NOT NULL DEFAULT 0;

-- The backfill changes nothing a reviewer sees: no inbox needs to hear about it.
ALTER TABLE "overlays" DISABLE TRIGGER "overlays_notify_change";
UPDATE "overlays" o
   SET "snapshot_bytes" = s.bytes
  FROM (SELECT "overlay_id", LEAST(sum(octet_length("snapshot"::text)), 2147483647)::int AS bytes
          FROM "output_versions" GROUP BY "overlay_id") s
 WHERE s."overlay_id" = o."id";
ALTER TABLE "overlays" ENABLE TRIGGER "overlays_notify_change";
