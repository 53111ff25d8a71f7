-- The inbox's status-tab counts without counting the organization's overlays on every load
-- (issue 9): overlays per workflow, block type, priority and status, kept by a trigger in the
-- statement that opens, decides or reopens an item, so the counts are as fresh as the data.
-- `mine` and `unclaimed` read the claims: the caller's from an index on the organization and the
-- holder, everyone's from `queue_claims` plus the index for now's hour.

-- CreateTable: rows whose count falls to 0 stay (a sum reads them as nothing).
CREATE TABLE "overlay_counts" (
    "organization_id" UUID NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "block_type" "block_type" NOT NULL,
    "priority" INTEGER NOT NULL,
    "status" "overlay_status" NOT NULL,
    "overlays" INTEGER NOT NULL,

    CONSTRAINT "overlay_counts_pkey" PRIMARY KEY ("organization_id","workflow_id","block_type","priority","status")
);

-- CreateIndex: the caller's claims (`mine`) without reading the other holders' claims.
CREATE INDEX "overlays_claim_holder_idx" ON "overlays"("organization_id", "claim_holder_id", "status", "claim_expires_at", "workflow_id", "block_type", "priority");

-- Unclaimed = awaiting − claims that hold (lib/reviews/counts-sql.ts) is exact only if a claim is
-- a holder and an expiry together, as every write sets them; the database keeps it so.
ALTER TABLE "overlays" ADD CONSTRAINT "overlays_claim_whole_check"
  CHECK (("claim_holder_id" IS NULL) = ("claim_expires_at" IS NULL));

-- Takes an overlay out of its cell (OLD, -1) and puts it into its new one (NEW, 1). Both rows
-- are upserted in key order by one statement, so a decision and a reopen racing over the same
-- two cells cannot deadlock. Every write sets every column, so an `UPDATE OF` list would not
-- spare a `/versions` append or a claim; comparing the cell does. (A WHEN clause naming the
-- columns would be cheaper by a function call, but would forbid altering their types.)
CREATE FUNCTION overlays_count_cells() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND (OLD."organization_id", OLD."workflow_id", OLD."block_type", OLD."priority", OLD."status")
         IS NOT DISTINCT FROM (NEW."organization_id", NEW."workflow_id", NEW."block_type", NEW."priority", NEW."status") THEN
    RETURN NULL;
  END IF;
  INSERT INTO "overlay_counts" AS c
  SELECT * FROM (
    SELECT OLD."organization_id", OLD."workflow_id", OLD."block_type", OLD."priority", OLD."status", -1
     WHERE TG_OP <> 'INSERT'
    UNION ALL
    SELECT NEW."organization_id", NEW."workflow_id", NEW."block_type", NEW."priority", NEW."status", 1
     WHERE TG_OP <> 'DELETE'
  ) cell ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT ("organization_id", "workflow_id", "block_type", "priority", "status") DO UPDATE SET
    "overlays" = c."overlays" + EXCLUDED."overlays";
  RETURN NULL;
END
$$;

CREATE TRIGGER "overlays_count_cells" AFTER INSERT OR UPDATE OR DELETE ON "overlays"
  FOR EACH ROW EXECUTE FUNCTION overlays_count_cells();

-- The cells, recomputed from the overlays.
CREATE FUNCTION overlay_counts_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM "overlay_counts";
  INSERT INTO "overlay_counts"
  SELECT "organization_id", "workflow_id", "block_type", "priority", "status", count(*)
    FROM "overlays" GROUP BY 1, 2, 3, 4, 5;
$$;

-- Recomputes every insight table, this one too.
CREATE OR REPLACE FUNCTION insight_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM insight_rebuild_counts();
  PERFORM decision_times_rebuild();
  PERFORM queue_claims_rebuild();
  PERFORM overlay_counts_rebuild();
END
$$;

SELECT overlay_counts_rebuild();
