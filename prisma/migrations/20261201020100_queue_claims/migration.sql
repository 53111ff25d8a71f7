-- Active and expired claims without counting every claimed item (issue 10, item 4): claims of
-- awaiting items per hour of expiry, kept by a trigger in the statement that claims, releases,
-- extends or decides. Expired claims are the whole hours before now's hour plus the claims of
-- now's hour already past, read from `overlays_claim_expiry_idx`; the rest are active.

-- CreateTable: a row whose count falls to 0 is deleted, so the table holds only hours with claims.
CREATE TABLE "queue_claims" (
    "organization_id" UUID NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "block_type" "block_type" NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "claimed" INTEGER NOT NULL,

    CONSTRAINT "queue_claims_pkey" PRIMARY KEY ("organization_id","workflow_id","block_type","hour")
);

-- Moves a claimed awaiting item into (weight 1) or out of (-1) the hour its claim expires in.
CREATE FUNCTION queue_claims_add(o "overlays", weight integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  left_over integer;
BEGIN
  INSERT INTO "queue_claims" AS c VALUES (
    o."organization_id", o."workflow_id", o."block_type", queue_hour(o."claim_expires_at"), weight)
  ON CONFLICT ("organization_id", "workflow_id", "block_type", "hour") DO UPDATE SET
    "claimed" = c."claimed" + EXCLUDED."claimed"
  RETURNING "claimed" INTO left_over;
  -- The row stays locked by this transaction: no other can add to it before it is gone.
  IF left_over = 0 THEN
    DELETE FROM "queue_claims"
     WHERE "organization_id" = o."organization_id" AND "workflow_id" = o."workflow_id"
       AND "block_type" = o."block_type" AND "hour" = queue_hour(o."claim_expires_at");
  END IF;
END
$$;

CREATE FUNCTION overlays_count_claims() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  was_claimed boolean := TG_OP = 'UPDATE' AND OLD."status" = 'awaiting_review' AND OLD."claim_expires_at" IS NOT NULL;
  is_claimed boolean := NEW."status" = 'awaiting_review' AND NEW."claim_expires_at" IS NOT NULL;
  same_hour boolean := TG_OP = 'UPDATE'
    AND queue_hour(OLD."claim_expires_at") IS NOT DISTINCT FROM queue_hour(NEW."claim_expires_at");
BEGIN
  IF was_claimed AND NOT (is_claimed AND same_hour) THEN
    PERFORM queue_claims_add(OLD, -1);
  END IF;
  IF is_claimed AND NOT (was_claimed AND same_hour) THEN
    PERFORM queue_claims_add(NEW, 1);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "overlays_count_claims" AFTER INSERT OR UPDATE OF "status", "claim_expires_at" ON "overlays"
  FOR EACH ROW EXECUTE FUNCTION overlays_count_claims();

-- The claims' hours, recomputed from the overlays.
CREATE FUNCTION queue_claims_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM "queue_claims";
  INSERT INTO "queue_claims"
  SELECT "organization_id", "workflow_id", "block_type", queue_hour("claim_expires_at"), count(*)
    FROM "overlays" WHERE "status" = 'awaiting_review' AND "claim_expires_at" IS NOT NULL
   GROUP BY 1, 2, 3, 4;
$$;

-- Recomputes every insight table, this one too (see 20261201020000_decision_time_histogram).
CREATE OR REPLACE FUNCTION insight_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM insight_rebuild_counts();
  PERFORM decision_times_rebuild();
  PERFORM queue_claims_rebuild();
END
$$;

SELECT queue_claims_rebuild();
