-- Issue 9: most writes (an appended version, a claim) change no count, yet every one called three
-- PL/pgSQL count triggers that found nothing to do, and a decision planned the histogram's upsert
-- afresh. A row trigger's WHEN clause is evaluated without calling its function; a trigger with
-- one cannot also fire on INSERT (there is no OLD), so each is split in two. The functions stay
-- as they were and still check for themselves. (The columns named in a WHEN clause cannot change
-- type while it exists; `overlays_sync_run_status_on_update` already names `status`.)

DROP TRIGGER "overlays_count_status" ON "overlays";
CREATE TRIGGER "overlays_count_status_insert" AFTER INSERT ON "overlays"
  FOR EACH ROW EXECUTE FUNCTION overlays_count_status();
CREATE TRIGGER "overlays_count_status_update" AFTER UPDATE OF "status", "awaiting_since" ON "overlays"
  FOR EACH ROW
  WHEN (OLD."status" IS DISTINCT FROM NEW."status" OR OLD."awaiting_since" IS DISTINCT FROM NEW."awaiting_since")
  EXECUTE FUNCTION overlays_count_status();

DROP TRIGGER "overlays_count_claims" ON "overlays";
CREATE TRIGGER "overlays_count_claims_insert" AFTER INSERT ON "overlays"
  FOR EACH ROW WHEN (NEW."claim_expires_at" IS NOT NULL)
  EXECUTE FUNCTION overlays_count_claims();
CREATE TRIGGER "overlays_count_claims_update" AFTER UPDATE OF "status", "claim_expires_at" ON "overlays"
  FOR EACH ROW
  WHEN (OLD."status" IS DISTINCT FROM NEW."status" OR OLD."claim_expires_at" IS DISTINCT FROM NEW."claim_expires_at")
  EXECUTE FUNCTION overlays_count_claims();

DROP TRIGGER "overlays_count_cells" ON "overlays";
CREATE TRIGGER "overlays_count_cells_insert_delete" AFTER INSERT OR DELETE ON "overlays"
  FOR EACH ROW EXECUTE FUNCTION overlays_count_cells();
CREATE TRIGGER "overlays_count_cells_update" AFTER UPDATE ON "overlays"
  FOR EACH ROW
  WHEN ((OLD."organization_id", OLD."workflow_id", OLD."block_type", OLD."priority", OLD."status")
        IS DISTINCT FROM (NEW."organization_id", NEW."workflow_id", NEW."block_type", NEW."priority", NEW."status"))
  EXECUTE FUNCTION overlays_count_cells();

-- The histogram's upsert as static SQL, one per operation, so PL/pgSQL keeps its plans instead
-- of planning the statement `EXECUTE` built on every decision, reopen and rebuild.
CREATE OR REPLACE FUNCTION decision_facts_count_times() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "decision_times" AS t
    SELECT f."organization_id", f."day", f."decided_by_id", decision_time_bucket(f."seconds_to_decision"), count(*)
      FROM new_facts f
     GROUP BY 1, 2, 3, 4
     ORDER BY 1, 2, 3, 4
    ON CONFLICT ("organization_id", "day", "decided_by_id", "bucket") DO UPDATE SET
      "decided" = t."decided" + EXCLUDED."decided";
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "decision_times" AS t
    SELECT f."organization_id", f."day", f."decided_by_id", decision_time_bucket(f."seconds_to_decision"), -count(*)
      FROM old_facts f
     GROUP BY 1, 2, 3, 4
     ORDER BY 1, 2, 3, 4
    ON CONFLICT ("organization_id", "day", "decided_by_id", "bucket") DO UPDATE SET
      "decided" = t."decided" + EXCLUDED."decided";
  ELSE
    INSERT INTO "decision_times" AS t
    SELECT c."organization_id", c."day", c."decided_by_id", decision_time_bucket(c."seconds_to_decision"), sum(c.weight)
      FROM (SELECT f."organization_id", f."day", f."decided_by_id", f."seconds_to_decision", 1 AS weight FROM new_facts f
            UNION ALL
            SELECT f."organization_id", f."day", f."decided_by_id", f."seconds_to_decision", -1 FROM old_facts f) c
     GROUP BY 1, 2, 3, 4
    HAVING sum(c.weight) <> 0
     ORDER BY 1, 2, 3, 4
    ON CONFLICT ("organization_id", "day", "decided_by_id", "bucket") DO UPDATE SET
      "decided" = t."decided" + EXCLUDED."decided";
  END IF;
  RETURN NULL;
END
$$;
