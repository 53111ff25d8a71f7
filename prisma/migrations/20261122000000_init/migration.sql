-- CreateEnum
CREATE TYPE "actor_kind" AS ENUM ('human', 'agent', 'model');

-- CreateEnum
CREATE TYPE "actor_role" AS ENUM ('reviewer', 'lead', 'admin', 'integration');

-- CreateEnum
CREATE TYPE "block_type" AS ENUM ('extract', 'classifier', 'split', 'conditional', 'for_each');

-- CreateEnum
CREATE TYPE "overlay_status" AS ENUM ('awaiting_review', 'approved', 'rejected');

-- CreateEnum
CREATE TYPE "version_origin" AS ENUM ('model_output', 'human_edit', 'agent_edit', 'revert');

-- CreateEnum
CREATE TYPE "verdict" AS ENUM ('approved', 'rejected');

-- CreateEnum
CREATE TYPE "run_status" AS ENUM ('awaiting_review', 'resumed', 'cancelled');

-- CreateEnum
CREATE TYPE "audit_event" AS ENUM ('gate_opened', 'claimed', 'claim_renewed', 'claim_taken_over', 'claim_released', 'version_appended', 'version_reverted', 'approved', 'rejected', 'reopened');

-- CreateTable
CREATE TABLE "organizations" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "organizations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "actors" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "public_id" TEXT NOT NULL,
    "kind" "actor_kind" NOT NULL,
    "display_name" TEXT NOT NULL,
    "role" "actor_role",
    "email" TEXT,
    "password_hash" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "actors_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "actor_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "key_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sessions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "actor_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "workflow_runs" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "run_id" TEXT NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "status" "run_status" NOT NULL DEFAULT 'awaiting_review',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "workflow_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "overlays" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "run_pk" UUID NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "workflow_version_id" TEXT NOT NULL,
    "workflow_run_id" TEXT NOT NULL,
    "block_id" TEXT NOT NULL,
    "block_run_id" TEXT NOT NULL,
    "block_type" "block_type" NOT NULL,
    "triggered_by" JSONB NOT NULL,
    "status" "overlay_status" NOT NULL DEFAULT 'awaiting_review',
    "awaiting_since" TIMESTAMPTZ(3) NOT NULL,
    "decided_at" TIMESTAMPTZ(3),
    "priority" INTEGER NOT NULL DEFAULT 0,
    "rev" INTEGER NOT NULL DEFAULT 0,
    "head_seq" INTEGER NOT NULL DEFAULT 0,
    "effective_seq" INTEGER,
    "claim_holder_id" UUID,
    "claimed_at" TIMESTAMPTZ(3),
    "claim_expires_at" TIMESTAMPTZ(3),
    "gate_fingerprint" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "overlays_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "output_versions" (
    "overlay_id" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "parent_seq" INTEGER,
    "origin" "version_origin" NOT NULL,
    "author_id" UUID NOT NULL,
    "snapshot" JSONB NOT NULL,
    "content_sha256" TEXT NOT NULL,
    "note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "output_versions_pkey" PRIMARY KEY ("overlay_id","seq")
);

-- CreateTable
CREATE TABLE "decisions" (
    "id" TEXT NOT NULL,
    "overlay_id" UUID NOT NULL,
    "verdict" "verdict" NOT NULL,
    "decided_by_id" UUID NOT NULL,
    "decided_at" TIMESTAMPTZ(3) NOT NULL,
    "on_seq" INTEGER NOT NULL,
    "effective_seq" INTEGER,
    "reason" TEXT,
    "supersedes_id" TEXT,

    CONSTRAINT "decisions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_entries" (
    "id" TEXT NOT NULL,
    "overlay_id" UUID NOT NULL,
    "event" "audit_event" NOT NULL,
    "actor_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "rev_observed" INTEGER NOT NULL,
    "rev_result" INTEGER NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "detail" JSONB NOT NULL,

    CONSTRAINT "audit_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "idempotency_records" (
    "overlay_id" UUID NOT NULL,
    "command_id" TEXT NOT NULL,
    "command" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "actor_id" UUID NOT NULL,
    "rev_result" INTEGER NOT NULL,
    "decision_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "idempotency_records_pkey" PRIMARY KEY ("overlay_id","command_id")
);

-- CreateTable
CREATE TABLE "outbox_events" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "overlay_id" UUID,
    "run_pk" UUID,
    "decision_id" TEXT,
    "event_type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "available_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "delivered_at" TIMESTAMPTZ(3),

    CONSTRAINT "outbox_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "organizations_slug_key" ON "organizations"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "actors_email_key" ON "actors"("email");

-- CreateIndex
CREATE UNIQUE INDEX "actors_organization_id_public_id_key" ON "actors"("organization_id", "public_id");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_key_hash_key" ON "api_keys"("key_hash");

-- CreateIndex
CREATE INDEX "api_keys_actor_id_idx" ON "api_keys"("actor_id");

-- CreateIndex
CREATE UNIQUE INDEX "sessions_token_hash_key" ON "sessions"("token_hash");

-- CreateIndex
CREATE INDEX "sessions_actor_id_idx" ON "sessions"("actor_id");

-- CreateIndex
CREATE UNIQUE INDEX "workflow_runs_organization_id_run_id_key" ON "workflow_runs"("organization_id", "run_id");

-- CreateIndex
CREATE INDEX "overlays_queue_awaiting_idx" ON "overlays"("organization_id", "status", "priority" DESC, "awaiting_since", "block_run_id");

-- CreateIndex
CREATE INDEX "overlays_queue_decided_idx" ON "overlays"("organization_id", "status", "decided_at" DESC, "block_run_id" DESC);

-- CreateIndex
CREATE INDEX "overlays_run_pk_idx" ON "overlays"("run_pk");

-- CreateIndex
CREATE UNIQUE INDEX "overlays_organization_id_workflow_run_id_block_id_key" ON "overlays"("organization_id", "workflow_run_id", "block_id");

-- CreateIndex
CREATE UNIQUE INDEX "decisions_supersedes_id_key" ON "decisions"("supersedes_id");

-- CreateIndex
CREATE INDEX "decisions_overlay_id_decided_at_idx" ON "decisions"("overlay_id", "decided_at");

-- CreateIndex
CREATE UNIQUE INDEX "audit_entries_overlay_id_rev_result_ordinal_key" ON "audit_entries"("overlay_id", "rev_result", "ordinal");

-- CreateIndex
CREATE INDEX "outbox_events_delivered_at_available_at_idx" ON "outbox_events"("delivered_at", "available_at");

-- CreateIndex
CREATE INDEX "outbox_events_decision_id_idx" ON "outbox_events"("decision_id");

-- AddForeignKey
ALTER TABLE "actors" ADD CONSTRAINT "actors_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "actors"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "actors"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workflow_runs" ADD CONSTRAINT "workflow_runs_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "overlays" ADD CONSTRAINT "overlays_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "overlays" ADD CONSTRAINT "overlays_run_pk_fkey" FOREIGN KEY ("run_pk") REFERENCES "workflow_runs"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "overlays" ADD CONSTRAINT "overlays_claim_holder_id_fkey" FOREIGN KEY ("claim_holder_id") REFERENCES "actors"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "output_versions" ADD CONSTRAINT "output_versions_overlay_id_fkey" FOREIGN KEY ("overlay_id") REFERENCES "overlays"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "output_versions" ADD CONSTRAINT "output_versions_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "actors"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_overlay_id_fkey" FOREIGN KEY ("overlay_id") REFERENCES "overlays"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "actors"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_supersedes_id_fkey" FOREIGN KEY ("supersedes_id") REFERENCES "decisions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_entries" ADD CONSTRAINT "audit_entries_overlay_id_fkey" FOREIGN KEY ("overlay_id") REFERENCES "overlays"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_entries" ADD CONSTRAINT "audit_entries_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "actors"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "idempotency_records" ADD CONSTRAINT "idempotency_records_overlay_id_fkey" FOREIGN KEY ("overlay_id") REFERENCES "overlays"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "idempotency_records" ADD CONSTRAINT "idempotency_records_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "actors"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outbox_events" ADD CONSTRAINT "outbox_events_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outbox_events" ADD CONSTRAINT "outbox_events_overlay_id_fkey" FOREIGN KEY ("overlay_id") REFERENCES "overlays"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outbox_events" ADD CONSTRAINT "outbox_events_run_pk_fkey" FOREIGN KEY ("run_pk") REFERENCES "workflow_runs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outbox_events" ADD CONSTRAINT "outbox_events_decision_id_fkey" FOREIGN KEY ("decision_id") REFERENCES "decisions"("id") ON DELETE SET NULL ON UPDATE CASCADE;
