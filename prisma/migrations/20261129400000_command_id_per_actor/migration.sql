-- A command_id was scoped to the overlay alone, so a second actor sending the same id and body
-- got a replay of the first actor's command: told it had applied when it had not. It is now
-- scoped to the overlay and the actor. Existing records stay valid: a key that was unique per
-- overlay is unique per overlay and actor too.
ALTER TABLE "idempotency_records" DROP CONSTRAINT "idempotency_records_pkey",
  ADD CONSTRAINT "idempotency_records_pkey" PRIMARY KEY ("overlay_id", "actor_id", "command_id");
