-- Issue 9: a queue page worked out the `preview` of each item's head version by parsing its whole
-- snapshot (`json_each`), on every read; about a third of a page's statement CPU. A version never
-- changes, so its preview is worked out once, when it is written, and the page reads it.

-- The first four scalar fields of a snapshot, in its key order: keys cut to 40 characters, strings
-- to 80 (lib/reviews/schemas.ts, PREVIEW_*; lib/reviews/preview.ts does the same in the browser,
-- and queue-views.db.test.ts keeps the two equal). Immutable: the same text gives the same preview.
CREATE FUNCTION snapshot_preview(snapshot json) RETURNS json
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(json_agg(json_build_object(
           'key', left(f.key, 40),
           'value', CASE json_typeof(f.value) WHEN 'string' THEN to_json(left(f.value #>> '{}', 80)) ELSE f.value END)
         ORDER BY f.ord), '[]'::json)
    FROM (SELECT e.key, e.value, e.ord FROM json_each(snapshot) WITH ORDINALITY AS e(key, value, ord)
           WHERE json_typeof(e.value) IN ('string', 'number', 'boolean')
           ORDER BY e.ord LIMIT 4) f
$$;

-- AddColumn: filled for the existing versions in the one rewrite of the table a generated column
-- makes (an UPDATE would leave a dead copy of every version, and must get past the history guard);
-- then a plain column, which the trigger below fills for every version written from now on.
ALTER TABLE "output_versions" ADD COLUMN "preview" JSON NOT NULL GENERATED ALWAYS AS (snapshot_preview("snapshot")) STORED;
ALTER TABLE "output_versions" ALTER COLUMN "preview" DROP EXPRESSION;

-- Whoever writes the version (the API, a seed, SQL typed by hand) gets its preview.
CREATE FUNCTION output_versions_preview() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."preview" := snapshot_preview(NEW."snapshot");
  RETURN NEW;
END
$$;

CREATE TRIGGER "output_versions_preview" BEFORE INSERT ON "output_versions"
  FOR EACH ROW EXECUTE FUNCTION output_versions_preview();
