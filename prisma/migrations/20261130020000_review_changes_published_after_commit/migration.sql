-- Changes to overlays are no longer announced by a trigger inside the writing transaction: a
-- transaction that notifies takes a database-wide lock through its commit, so concurrent writes
-- queued behind each other. The instance that wrote a change announces it once it has committed
-- (lib/db/notifier.ts).
DROP TRIGGER "overlays_notify_change" ON "overlays";
DROP FUNCTION notify_review_change();
