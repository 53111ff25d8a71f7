-- Insight for leads (GET /v1/stats/*) answered from small tables that the writing statements
-- keep exact, so that no request scans a million overlays. Triggers keep them: they run inside
-- the statement that changes an overlay or writes a decision, so the numbers are as fresh as the
-- data and the hot write stays one round trip. `insight_rebuild()` recomputes all of it, for data
-- written with triggers off (the benchmark's bulk load) and for the data this migration finds.

-- CreateTable
CREATE TABLE "organization_settings" (
    "organization_id" UUID NOT NULL,
    "sla_default_minutes" INTEGER NOT NULL,
    "sla_minutes_by_priority" JSONB NOT NULL DEFAULT '{}',
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "organization_settings_pkey" PRIMARY KEY ("organization_id")
);

-- CreateTable
CREATE TABLE "queue_counts" (
    "organization_id" UUID NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "block_type" "block_type" NOT NULL,
    "priority" INTEGER NOT NULL,
    "awaiting" INTEGER NOT NULL,

    CONSTRAINT "queue_counts_pkey" PRIMARY KEY ("organization_id","workflow_id","block_type","priority")
);

-- CreateTable
CREATE TABLE "decision_facts" (
    "overlay_id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "decision_id" TEXT NOT NULL,
    "decided_by_id" UUID NOT NULL,
    "decided_at" TIMESTAMPTZ(3) NOT NULL,
    "day" DATE NOT NULL,
    "week" DATE NOT NULL,
    "outcome" TEXT NOT NULL,
    "seconds_to_decision" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "decision_facts_pkey" PRIMARY KEY ("overlay_id")
);

-- CreateTable
CREATE TABLE "decision_counts" (
    "organization_id" UUID NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "decided_by_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "approved" INTEGER NOT NULL,
    "approved_with_edits" INTEGER NOT NULL,
    "rejected" INTEGER NOT NULL,

    CONSTRAINT "decision_counts_pkey" PRIMARY KEY ("organization_id","workflow_id","day","decided_by_id")
);

-- CreateTable
CREATE TABLE "correction_counts" (
    "organization_id" UUID NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "path" TEXT NOT NULL,
    "approved" INTEGER NOT NULL,
    "corrected" INTEGER NOT NULL,

    CONSTRAINT "correction_counts_pkey" PRIMARY KEY ("organization_id","workflow_id","day","path")
);

-- CreateIndex: the awaiting items of a workflow by age (oldest per workflow, its wait percentiles).
CREATE INDEX "overlays_awaiting_workflow_age_idx" ON "overlays"("organization_id", "status", "workflow_id", "awaiting_since", "block_type");

-- CreateIndex: every awaiting item by age (wait percentiles), filterable without the heap.
CREATE INDEX "overlays_awaiting_age_idx" ON "overlays"("organization_id", "status", "awaiting_since", "workflow_id", "block_type");

-- CreateIndex: ages per priority (SLA breached and at risk).
CREATE INDEX "overlays_awaiting_priority_age_idx" ON "overlays"("organization_id", "status", "priority", "awaiting_since", "workflow_id", "block_type");

-- CreateIndex: claims by expiry (active and expired claims).
CREATE INDEX "overlays_claim_expiry_idx" ON "overlays"("organization_id", "status", "claim_expires_at", "workflow_id", "block_type");

-- CreateIndex: medians by day, by week and by reviewer are read at an offset in these orders.
CREATE INDEX "decision_facts_day_idx" ON "decision_facts"("organization_id", "day", "seconds_to_decision", "workflow_id");
CREATE INDEX "decision_facts_week_idx" ON "decision_facts"("organization_id", "week", "seconds_to_decision", "day", "workflow_id");
CREATE INDEX "decision_facts_reviewer_idx" ON "decision_facts"("organization_id", "decided_by_id", "seconds_to_decision", "day", "workflow_id");

-- AddForeignKey
ALTER TABLE "organization_settings" ADD CONSTRAINT "organization_settings_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Every leaf of a JSON document with its JSON pointer: scalars, and empty objects and arrays
-- (a field set to {} or [] is a value too). Array items are addressed by index.
CREATE FUNCTION json_leaves(doc jsonb) RETURNS TABLE ("path" text, "value" jsonb)
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  WITH RECURSIVE walk(path, value) AS (
    SELECT '', doc
    UNION ALL
    SELECT w.path || '/' || replace(replace(c.key, '~', '~0'), '/', '~1'), c.value
      FROM walk w
      CROSS JOIN LATERAL (
        SELECT e.key, e.value FROM jsonb_each(CASE WHEN jsonb_typeof(w.value) = 'object' THEN w.value END) e
        UNION ALL
        SELECT (a.n - 1)::text, a.value
          FROM jsonb_array_elements(CASE WHEN jsonb_typeof(w.value) = 'array' THEN w.value END)
               WITH ORDINALITY AS a(value, n)
      ) c
  )
  SELECT path, value FROM walk
   WHERE jsonb_typeof(value) NOT IN ('object', 'array') OR value IN ('{}'::jsonb, '[]'::jsonb)
$$;

-- The fields of an approval: every path present in version 0 or in the effective version, and
-- whether its value differs between them (an added or a removed path differs).
CREATE FUNCTION decision_fields(overlay_pk uuid, effective_seq integer)
RETURNS TABLE ("path" text, "corrected" boolean) LANGUAGE sql STABLE AS $$
  SELECT coalesce(m.path, e.path), m.value IS DISTINCT FROM e.value
    FROM (SELECT * FROM json_leaves((SELECT snapshot::jsonb FROM output_versions WHERE overlay_id = overlay_pk AND seq = 0))) m
    FULL JOIN (SELECT * FROM json_leaves((SELECT snapshot::jsonb FROM output_versions WHERE overlay_id = overlay_pk AND seq = decision_fields.effective_seq))) e
      ON e.path = m.path
$$;

-- Adds (sign 1) or takes back (sign -1) a decision's weight in the insight tables: the standing
-- decision of its overlay, its day's counts and, for an approval, its fields. Rows are upserted in
-- key order, so two decisions of one workflow and day cannot deadlock on them.
CREATE FUNCTION insight_count_decision(d "decisions", o_awaiting_since timestamptz, sign integer)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  o "overlays"%ROWTYPE;
  utc timestamp := d."decided_at" AT TIME ZONE 'UTC';
  outcome text := CASE WHEN d."verdict" = 'rejected' THEN 'rejected'
                       WHEN d."effective_seq" = 0 THEN 'approved' ELSE 'approved_with_edits' END;
BEGIN
  SELECT * INTO o FROM "overlays" WHERE "id" = d."overlay_id";
  IF sign > 0 THEN
    INSERT INTO "decision_facts" VALUES (
      o."id", o."organization_id", o."workflow_id", d."id", d."decided_by_id", d."decided_at",
      utc::date, date_trunc('week', utc)::date, outcome,
      extract(epoch FROM d."decided_at" - o_awaiting_since))
    ON CONFLICT ("overlay_id") DO UPDATE SET
      "decision_id" = EXCLUDED."decision_id", "decided_by_id" = EXCLUDED."decided_by_id",
      "decided_at" = EXCLUDED."decided_at", "day" = EXCLUDED."day", "week" = EXCLUDED."week",
      "outcome" = EXCLUDED."outcome", "seconds_to_decision" = EXCLUDED."seconds_to_decision";
  ELSE
    DELETE FROM "decision_facts" WHERE "overlay_id" = o."id" AND "decision_id" = d."id";
  END IF;

  INSERT INTO "decision_counts" AS c VALUES (
    o."organization_id", o."workflow_id", d."decided_by_id", utc::date,
    sign * (outcome = 'approved')::int, sign * (outcome = 'approved_with_edits')::int, sign * (outcome = 'rejected')::int)
  ON CONFLICT ("organization_id", "workflow_id", "day", "decided_by_id") DO UPDATE SET
    "approved" = c."approved" + EXCLUDED."approved",
    "approved_with_edits" = c."approved_with_edits" + EXCLUDED."approved_with_edits",
    "rejected" = c."rejected" + EXCLUDED."rejected";

  IF d."verdict" = 'approved' THEN
    INSERT INTO "correction_counts" AS c
    SELECT o."organization_id", o."workflow_id", utc::date, f."path", sign, sign * f."corrected"::int
      FROM decision_fields(o."id", d."effective_seq") f
     ORDER BY f."path"
    ON CONFLICT ("organization_id", "workflow_id", "day", "path") DO UPDATE SET
      "approved" = c."approved" + EXCLUDED."approved",
      "corrected" = c."corrected" + EXCLUDED."corrected";
  END IF;
END
$$;

-- A decision is counted when it is written. It fires after the whole statement, so the version
-- an approval with edits adds in that same statement is there to compare.
CREATE FUNCTION decisions_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM insight_count_decision(NEW, (SELECT "awaiting_since" FROM "overlays" WHERE "id" = NEW."overlay_id"), 1);
  RETURN NULL;
END
$$;

CREATE TRIGGER "decisions_count" AFTER INSERT ON "decisions"
  FOR EACH ROW EXECUTE FUNCTION decisions_count();

-- Awaiting items per workflow, block type and priority; a reopen takes the reopened decision
-- back, so a reopened item counts once, with its latest decision, when it is decided again.
CREATE FUNCTION overlays_count_status() RETURNS trigger LANGUAGE plpgsql AS $$
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
  IF TG_OP = 'UPDATE' AND NOT was_awaiting AND is_awaiting THEN
    SELECT * INTO reopened FROM "decisions" WHERE "overlay_id" = NEW."id" ORDER BY "decided_at" DESC, "id" DESC LIMIT 1;
    IF FOUND THEN
      PERFORM insight_count_decision(reopened, OLD."awaiting_since", -1);
    END IF;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "overlays_count_status" AFTER INSERT OR UPDATE OF "status" ON "overlays"
  FOR EACH ROW EXECUTE FUNCTION overlays_count_status();

-- Recomputes every insight table from the overlays and decisions.
CREATE FUNCTION insight_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE "queue_counts", "decision_facts", "decision_counts", "correction_counts";
  INSERT INTO "queue_counts"
  SELECT "organization_id", "workflow_id", "block_type", "priority", count(*)
    FROM "overlays" WHERE "status" = 'awaiting_review'
   GROUP BY 1, 2, 3, 4;

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

SELECT insight_rebuild();
