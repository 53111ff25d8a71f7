-- What Prisma's schema language cannot say: history that cannot be rewritten, and the status of a
-- workflow run kept in step with its gates inside the same transaction as every decision.

-- Versions, decisions and audit entries are the record of who did what. The application never
-- changes them, so the database refuses to, whoever asks.
CREATE FUNCTION refuse_history_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'rows of % are immutable: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'integrity_constraint_violation';
END
$$;

CREATE TRIGGER "output_versions_immutable" BEFORE UPDATE OR DELETE ON "output_versions"
  FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();

CREATE TRIGGER "decisions_immutable" BEFORE UPDATE OR DELETE ON "decisions"
  FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();

CREATE TRIGGER "audit_entries_immutable" BEFORE UPDATE OR DELETE ON "audit_entries"
  FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();

-- A run resumes when every gate is approved and is cancelled when any gate is rejected. Two
-- gates of one run can be decided at the same moment by different people, so this cannot be
-- computed inside each decision's own snapshot: both would see the other gate still awaiting.
-- Locking the run row first serialises sibling decisions, and the next statement takes a fresh
-- snapshot (READ COMMITTED, volatile function) that sees the sibling's committed status.
CREATE FUNCTION sync_workflow_run_status() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  run_row "workflow_runs"%ROWTYPE;
  derived "run_status";
BEGIN
  SELECT * INTO run_row FROM "workflow_runs" WHERE "id" = NEW."run_pk" FOR UPDATE;

  SELECT CASE
           WHEN bool_or("status" = 'rejected') THEN 'cancelled'
           WHEN bool_or("status" = 'awaiting_review') THEN 'awaiting_review'
           ELSE 'resumed'
         END::"run_status"
    INTO derived
    FROM "overlays" WHERE "run_pk" = NEW."run_pk";

  UPDATE "workflow_runs" SET "status" = derived, "updated_at" = clock_timestamp()
   WHERE "id" = NEW."run_pk";

  IF derived IS DISTINCT FROM run_row."status" AND derived <> 'awaiting_review' THEN
    INSERT INTO "outbox_events" ("organization_id", "run_pk", "event_type", "payload")
    VALUES (run_row."organization_id", run_row."id", 'run.' || derived::text,
            jsonb_build_object('workflow_run_id', run_row."run_id",
                               'workflow_id', run_row."workflow_id",
                               'status', derived::text));
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "overlays_sync_run_status_on_insert" AFTER INSERT ON "overlays"
  FOR EACH ROW EXECUTE FUNCTION sync_workflow_run_status();

CREATE TRIGGER "overlays_sync_run_status_on_update" AFTER UPDATE OF "status" ON "overlays"
  FOR EACH ROW WHEN (OLD."status" IS DISTINCT FROM NEW."status")
  EXECUTE FUNCTION sync_workflow_run_status();
