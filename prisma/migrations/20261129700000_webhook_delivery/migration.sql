-- Issue #8: outbox events in the contract's shapes, webhook endpoints, and one delivery per event
-- per subscribed endpoint, which the dispatcher of every app instance sends.

-- Public ids (`evt_…`, `whe_…`, `whd_…`) are made by the database, so that rows written by
-- triggers get them like rows written by the application.
CREATE FUNCTION new_public_id(prefix text) RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT prefix || '_' || replace(gen_random_uuid()::text, '-', '')
$$;

-- CreateEnum
CREATE TYPE "delivery_status" AS ENUM ('pending', 'delivered', 'failed');

-- Outbox rows written so far were never sent (nothing sent them, and no endpoint existed to send
-- them to), and their types and payloads are not the contract's: they are dropped rather than
-- delivered to endpoints created later. Delivery state moves to "webhook_deliveries". Payloads
-- become `json`, like snapshots, so an effective output keeps its key order downstream.
DELETE FROM "outbox_events";
DROP INDEX "outbox_events_delivered_at_available_at_idx";
ALTER TABLE "outbox_events"
  DROP COLUMN "available_at",
  DROP COLUMN "attempts",
  DROP COLUMN "last_error",
  DROP COLUMN "delivered_at",
  ALTER COLUMN "id" DROP DEFAULT,
  ALTER COLUMN "id" SET DATA TYPE TEXT,
  ALTER COLUMN "id" SET DEFAULT new_public_id('evt'),
  ALTER COLUMN "payload" SET DATA TYPE JSON;

-- CreateTable
CREATE TABLE "webhook_endpoints" (
    "id" TEXT NOT NULL DEFAULT new_public_id('whe'),
    "organization_id" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "event_types" TEXT[] NOT NULL,
    "description" TEXT,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "secret" TEXT NOT NULL,
    "previous_secret" TEXT,
    "previous_secret_expires_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_endpoints_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_deliveries" (
    "id" TEXT NOT NULL DEFAULT new_public_id('whd'),
    "event_id" TEXT NOT NULL,
    "endpoint_id" TEXT NOT NULL,
    "status" "delivery_status" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "consecutive_failures" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3),
    "last_attempt_at" TIMESTAMPTZ(3),
    "last_status_code" INTEGER,
    "last_error" TEXT,
    "delivered_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "webhook_endpoints_organization_id_created_at_idx" ON "webhook_endpoints"("organization_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "webhook_deliveries_event_id_endpoint_id_key" ON "webhook_deliveries"("event_id", "endpoint_id");

-- The dispatcher's claim: the earliest due pending deliveries.
CREATE INDEX "webhook_deliveries_status_next_attempt_at_idx" ON "webhook_deliveries"("status", "next_attempt_at");

-- An endpoint's deliveries, newest first, paged by keyset.
CREATE INDEX "webhook_deliveries_endpoint_id_created_at_id_idx" ON "webhook_deliveries"("endpoint_id", "created_at" DESC, "id" DESC);

-- AddForeignKey
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "outbox_events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoints"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- An event is delivered to the endpoints subscribed to it when it commits, so its deliveries are
-- made in the same transaction: an endpoint created a moment later does not receive it, and a
-- decision with no subscribed endpoint is applied at once. Every writer of an event, statement or
-- trigger, gets this without saying so.
CREATE FUNCTION fan_out_outbox_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "webhook_deliveries" ("event_id", "endpoint_id", "next_attempt_at", "created_at")
  SELECT NEW."id", w."id", NEW."created_at", NEW."created_at"
    FROM "webhook_endpoints" w
   WHERE w."organization_id" = NEW."organization_id"
     AND NOT w."disabled"
     AND NEW."event_type" = ANY (w."event_types");
  RETURN NULL;
END
$$;

CREATE TRIGGER "outbox_events_fan_out" AFTER INSERT ON "outbox_events"
  FOR EACH ROW EXECUTE FUNCTION fan_out_outbox_event();

-- Run events now carry the contract's data: `run.resumed` every gate's effective output,
-- `run.cancelled` the gate and decision that cancelled it. An AFTER trigger runs once the whole
-- statement is done, so it sees the version an approval with edits has just added.
CREATE OR REPLACE FUNCTION sync_workflow_run_status() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  run_row "workflow_runs"%ROWTYPE;
  derived "run_status";
  event_data json;
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
    IF derived = 'resumed' THEN
      SELECT json_build_object(
               'workflow_id', run_row."workflow_id",
               'workflow_run_id', run_row."run_id",
               'gates', coalesce(json_agg(json_build_object(
                          'block_id', o."block_id",
                          'effective_seq', o."effective_seq",
                          'effective_output', v."snapshot") ORDER BY o."created_at", o."block_id"), '[]'::json))
        INTO event_data
        FROM "overlays" o
        LEFT JOIN "output_versions" v ON v."overlay_id" = o."id" AND v."seq" = o."effective_seq"
       WHERE o."run_pk" = NEW."run_pk";
    ELSE
      SELECT json_build_object(
               'workflow_id', run_row."workflow_id",
               'workflow_run_id', run_row."run_id",
               'block_id', NEW."block_id",
               'decision_id', d."id",
               'reason', d."reason")
        INTO event_data
        FROM (SELECT NULL) AS one
        LEFT JOIN LATERAL (
          SELECT "id", "reason" FROM "decisions" WHERE "overlay_id" = NEW."id"
           ORDER BY "decided_at" DESC, "id" DESC LIMIT 1
        ) d ON true;
    END IF;
    INSERT INTO "outbox_events" ("organization_id", "run_pk", "event_type", "payload", "created_at")
    VALUES (run_row."organization_id", run_row."id", 'run.' || derived::text, event_data, NEW."updated_at");
  END IF;
  RETURN NULL;
END
$$;
