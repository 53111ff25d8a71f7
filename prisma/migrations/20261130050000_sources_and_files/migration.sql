-- Files a gate can cite as its sources (POST /v1/files), and what a gate opening brings besides
-- the output: its sources, JSON Schema, likelihoods and citations.

-- CreateTable
CREATE TABLE "files" (
    "id" TEXT NOT NULL,
    "organization_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "mime_type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "page_count" INTEGER,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "files_pkey" PRIMARY KEY ("id")
);

-- The bytes of files when FILE_STORAGE=postgres (the default), addressed by content, so that
-- they are written before the metadata row that makes a file visible.
-- CreateTable
CREATE TABLE "file_blobs" (
    "organization_id" UUID NOT NULL,
    "sha256" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,

    CONSTRAINT "file_blobs_pkey" PRIMARY KEY ("organization_id","sha256")
);

-- PDFs and images are compressed already: trying again would only cost time on every write.
ALTER TABLE "file_blobs" ALTER COLUMN "bytes" SET STORAGE EXTERNAL;

-- Apart from overlays, so that the queue's scans and the hot writes never carry them; `json`
-- rather than `jsonb`, like snapshots, so that a schema keeps its key order (a form's order).
-- CreateTable
CREATE TABLE "overlay_context" (
    "overlay_id" UUID NOT NULL,
    "sources" JSON NOT NULL,
    "json_schema" JSON,
    "json_schema_sha256" TEXT,
    "likelihoods" JSON,
    "citations" JSON,

    CONSTRAINT "overlay_context_pkey" PRIMARY KEY ("overlay_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "files_organization_id_sha256_key" ON "files"("organization_id", "sha256");

-- AddForeignKey
ALTER TABLE "files" ADD CONSTRAINT "files_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "files" ADD CONSTRAINT "files_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "actors"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "file_blobs" ADD CONSTRAINT "file_blobs_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "overlay_context" ADD CONSTRAINT "overlay_context_overlay_id_fkey" FOREIGN KEY ("overlay_id") REFERENCES "overlays"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
