-- CreateTable
CREATE TABLE "sign_in_attempts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "succeeded" BOOLEAN NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sign_in_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "sign_in_attempts_email_at_idx" ON "sign_in_attempts"("email", "at");

-- CreateIndex
CREATE INDEX "sign_in_attempts_ip_at_idx" ON "sign_in_attempts"("ip", "at");

-- Every change to an overlay is announced on the `review_changes` channel when its transaction
-- commits, so that every app instance can push it to the inboxes it serves (server-sent events).
CREATE FUNCTION notify_review_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('review_changes', json_build_object(
    'organization_id', NEW."organization_id",
    'workflow_run_id', NEW."workflow_run_id",
    'block_id', NEW."block_id",
    'block_run_id', NEW."block_run_id",
    'rev', NEW."rev",
    'status', NEW."status")::text);
  RETURN NULL;
END
$$;

CREATE TRIGGER "overlays_notify_change" AFTER INSERT OR UPDATE ON "overlays"
  FOR EACH ROW EXECUTE FUNCTION notify_review_change();
