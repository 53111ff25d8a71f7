-- Insight at a million overlays (issue 10, item 4). The queue's clock-dependent numbers (wait
-- percentiles, SLA breached and at risk) read awaiting items per hour of `awaiting_since` from a
-- rollup the writing statements keep, and only the boundary hour from the index; medians of one
-- workflow read indexes that lead with the workflow.

-- The hour an instant falls in, in UTC whatever the session's time zone.
CREATE FUNCTION queue_hour(at timestamptz) RETURNS timestamptz
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT date_bin('1 hour', at, TIMESTAMPTZ '2000-01-01 00:00:00+00')
$$;

-- CreateTable: awaiting items per workflow, block type, priority and hour of `awaiting_since`;
-- a row whose count falls to 0 is deleted, so the table holds only hours that have items.
CREATE TABLE "queue_ages" (
    "organization_id" UUID NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "block_type" "block_type" NOT NULL,
    "priority" INTEGER NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "awaiting" INTEGER NOT NULL,

    CONSTRAINT "queue_ages_pkey" PRIMARY KEY ("organization_id","workflow_id","block_type","priority","hour")
);

-- CreateIndex: the medians of one workflow by day, by week and by reviewer.
CREATE INDEX "decision_facts_workflow_day_idx" ON "decision_facts"("organization_id", "workflow_id", "day", "seconds_to_decision");
CREATE INDEX "decision_facts_workflow_week_idx" ON "decision_facts"("organization_id", "workflow_id", "week", "seconds_to_decision", "day");
CREATE INDEX "decision_facts_workflow_reviewer_idx" ON "decision_facts"("organization_id", "workflow_id", "decided_by_id", "seconds_to_decision", "day");

-- Moves an awaiting item into (weight 1) or out of (-1) its hour.
CREATE FUNCTION queue_ages_add(o "overlays", weight integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  left_over integer;
BEGIN
  IF weight > 0 THEN
    INSERT INTO "queue_ages" AS a VALUES (
      o."organization_id", o."workflow_id", o."block_type", o."priority", queue_hour(o."awaiting_since"), weight)
    ON CONFLICT ("organization_id", "workflow_id", "block_type", "priority", "hour") DO UPDATE SET
      "awaiting" = a."awaiting" + EXCLUDED."awaiting";
  ELSE
    UPDATE "queue_ages" SET "awaiting" = "awaiting" + weight
     WHERE "organization_id" = o."organization_id" AND "workflow_id" = o."workflow_id"
       AND "block_type" = o."block_type" AND "priority" = o."priority" AND "hour" = queue_hour(o."awaiting_since")
    RETURNING "awaiting" INTO left_over;
    -- The row stays locked by this transaction: no other can add to it before it is gone.
    IF left_over = 0 THEN
      DELETE FROM "queue_ages"
       WHERE "organization_id" = o."organization_id" AND "workflow_id" = o."workflow_id"
         AND "block_type" = o."block_type" AND "priority" = o."priority" AND "hour" = queue_hour(o."awaiting_since");
    END IF;
  END IF;
END
$$;

-- As before, plus the hour rollup: an item leaves its hour when it stops awaiting (or, were its
-- `awaiting_since` ever moved while awaiting, for its new hour).
CREATE OR REPLACE FUNCTION overlays_count_status() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  was_awaiting boolean := TG_OP = 'UPDATE' AND OLD."status" = 'awaiting_review';
  is_awaiting boolean := NEW."status" = 'awaiting_review';
  reopened "decisions"%ROWTYPE;
BEGIN
  IF was_awaiting IS DISTINCT FROM is_awaiting THEN
    INSERT INTO "queue_counts" AS q VALUES (
      NEW."organization_id", NEW."workflow_id", NEW."block_type", NEW."priority", CASE WHEN is_awaiting THEN 1 ELSE -1 END)
    ON CONFLICT ("organization_id", "workflow_id", "block_type", "priority") DO UPDATE SET
      "awaiting" = q."awaiting" + EXCLUDED."awaiting";
  END IF;
  IF was_awaiting AND (NOT is_awaiting OR OLD."awaiting_since" IS DISTINCT FROM NEW."awaiting_since") THEN
    PERFORM queue_ages_add(OLD, -1);
  END IF;
  IF is_awaiting AND (NOT was_awaiting OR OLD."awaiting_since" IS DISTINCT FROM NEW."awaiting_since") THEN
    PERFORM queue_ages_add(NEW, 1);
  END IF;
  IF TG_OP = 'UPDATE' AND NOT was_awaiting AND is_awaiting THEN
    SELECT * INTO reopened FROM "decisions" WHERE "overlay_id" = NEW."id" ORDER BY "decided_at" DESC, "id" DESC LIMIT 1;
    IF FOUND THEN
      PERFORM insight_count_decision(reopened, OLD."awaiting_since", -1);
    END IF;
  END IF;
  RETURN NULL;
END
$$;

DROP TRIGGER "overlays_count_status" ON "overlays";
CREATE TRIGGER "overlays_count_status" AFTER INSERT OR UPDATE OF "status", "awaiting_since" ON "overlays"
  FOR EACH ROW EXECUTE FUNCTION overlays_count_status();

-- The awaiting items' hours, recomputed from the overlays.
CREATE FUNCTION queue_ages_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM "queue_ages";
  INSERT INTO "queue_ages"
  SELECT "organization_id", "workflow_id", "block_type", "priority", queue_hour("awaiting_since"), count(*)
    FROM "overlays" WHERE "status" = 'awaiting_review'
   GROUP BY 1, 2, 3, 4, 5;
$$;

-- Recomputes every insight table from the overlays and decisions.
CREATE OR REPLACE FUNCTION insight_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE "queue_counts", "decision_facts", "decision_counts", "correction_counts";
  INSERT INTO "queue_counts"
  SELECT "organization_id", "workflow_id", "block_type", "priority", count(*)
    FROM "overlays" WHERE "status" = 'awaiting_review'
   GROUP BY 1, 2, 3, 4;
  PERFORM queue_ages_rebuild();

  -- The standing decision of each decided overlay: its latest.
  CREATE TEMP TABLE standing ON COMMIT DROP AS
  SELECT DISTINCT ON (d."overlay_id") d.*, o."organization_id", o."workflow_id", o."awaiting_since",
         d."decided_at" AT TIME ZONE 'UTC' AS utc,
         CASE WHEN d."verdict" = 'rejected' THEN 'rejected'
              WHEN d."effective_seq" = 0 THEN 'approved' ELSE 'approved_with_edits' END AS outcome
    FROM "decisions" d JOIN "overlays" o ON o."id" = d."overlay_id"
   WHERE o."status" <> 'awaiting_review'
   ORDER BY d."overlay_id", d."decided_at" DESC, d."id" DESC;

  INSERT INTO "decision_facts"
  SELECT "overlay_id", "organization_id", "workflow_id", "id", "decided_by_id", "decided_at",
         utc::date, date_trunc('week', utc)::date, outcome, extract(epoch FROM "decided_at" - "awaiting_since")
    FROM standing;

  INSERT INTO "decision_counts"
  SELECT "organization_id", "workflow_id", "decided_by_id", utc::date,
         count(*) FILTER (WHERE outcome = 'approved'), count(*) FILTER (WHERE outcome = 'approved_with_edits'),
         count(*) FILTER (WHERE outcome = 'rejected')
    FROM standing GROUP BY 1, 2, 3, 4;

  INSERT INTO "correction_counts"
  SELECT s."organization_id", s."workflow_id", s.utc::date, f."path", count(*), count(*) FILTER (WHERE f."corrected")
    FROM standing s CROSS JOIN LATERAL decision_fields(s."overlay_id", s."effective_seq") f
   WHERE s."verdict" = 'approved'
   GROUP BY 1, 2, 3, 4;
  DROP TABLE standing;
END
$$;

SELECT queue_ages_rebuild();
