-- jsonb re-sorts object keys; a reviewer should see the fields in the order the model (or the
-- person who edited) wrote them. Snapshots are stored and returned whole, never queried inside,
-- so `json`, which keeps the text as sent, loses nothing. content_sha256 is over canonical JSON
-- and does not change.

-- AlterTable
ALTER TABLE "output_versions" ALTER COLUMN "snapshot" SET DATA TYPE JSON USING "snapshot"::json;
