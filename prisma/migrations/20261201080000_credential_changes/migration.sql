-- Every app instance remembers for a few seconds who is behind a credential, so that a request
-- does not pay a round trip to learn what the one before it learned (lib/auth/caller-cache.ts).
-- A change that can end or alter that answer tells every instance at once, whoever makes it: the
-- API, the admin CLI, or SQL typed by hand. Such changes are rare, so notifying inside their
-- transaction costs nothing that matters; a request's own last-use stamps notify nothing.
CREATE FUNCTION notify_credential_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('credential_changes', '');
  RETURN NULL;
END;
$$;

CREATE TRIGGER "api_keys_credential_change" AFTER UPDATE ON "api_keys"
  FOR EACH ROW WHEN (OLD."revoked_at" IS DISTINCT FROM NEW."revoked_at"
                     OR OLD."key_hash" IS DISTINCT FROM NEW."key_hash"
                     OR OLD."actor_id" IS DISTINCT FROM NEW."actor_id")
  EXECUTE FUNCTION notify_credential_change();
CREATE TRIGGER "api_keys_credential_delete" AFTER DELETE ON "api_keys"
  FOR EACH STATEMENT EXECUTE FUNCTION notify_credential_change();

CREATE TRIGGER "sessions_credential_change" AFTER UPDATE ON "sessions"
  FOR EACH ROW WHEN (OLD."revoked_at" IS DISTINCT FROM NEW."revoked_at"
                     OR OLD."expires_at" IS DISTINCT FROM NEW."expires_at"
                     OR OLD."token_hash" IS DISTINCT FROM NEW."token_hash"
                     OR OLD."actor_id" IS DISTINCT FROM NEW."actor_id")
  EXECUTE FUNCTION notify_credential_change();
CREATE TRIGGER "sessions_credential_delete" AFTER DELETE ON "sessions"
  FOR EACH STATEMENT EXECUTE FUNCTION notify_credential_change();

-- What a caller is: everything but the last-seen stamp, the password and the e-mail address. Model
-- authors, renamed by the gates that name them, hold no role and so no credential.
CREATE TRIGGER "actors_credential_change" AFTER UPDATE ON "actors"
  FOR EACH ROW WHEN ((OLD."role" IS NOT NULL OR NEW."role" IS NOT NULL) AND (
                     OLD."disabled_at" IS DISTINCT FROM NEW."disabled_at"
                     OR OLD."role" IS DISTINCT FROM NEW."role"
                     OR OLD."display_name" IS DISTINCT FROM NEW."display_name"
                     OR OLD."kind" IS DISTINCT FROM NEW."kind"
                     OR OLD."public_id" IS DISTINCT FROM NEW."public_id"
                     OR OLD."organization_id" IS DISTINCT FROM NEW."organization_id"))
  EXECUTE FUNCTION notify_credential_change();
CREATE TRIGGER "actors_credential_delete" AFTER DELETE ON "actors"
  FOR EACH STATEMENT EXECUTE FUNCTION notify_credential_change();
