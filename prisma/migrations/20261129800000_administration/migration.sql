-- Issue #8: administration in the app. API keys get a public id (`key_…`) and their last use;
-- people can be disabled and show when they were last seen; an invitation lets a person added
-- without a password set one, once.

-- API keys made before this migration get an id like any new one.
ALTER TABLE "api_keys"
  ADD COLUMN "public_id" TEXT NOT NULL DEFAULT new_public_id('key'),
  ADD COLUMN "last_used_at" TIMESTAMPTZ(3);

CREATE UNIQUE INDEX "api_keys_public_id_key" ON "api_keys"("public_id");

ALTER TABLE "actors"
  ADD COLUMN "disabled_at" TIMESTAMPTZ(3),
  ADD COLUMN "last_seen_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "invites" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "actor_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "invites_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "invites_token_hash_key" ON "invites"("token_hash");

-- CreateIndex
CREATE INDEX "invites_actor_id_idx" ON "invites"("actor_id");

-- AddForeignKey
ALTER TABLE "invites" ADD CONSTRAINT "invites_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "actors"("id") ON DELETE CASCADE ON UPDATE CASCADE;
