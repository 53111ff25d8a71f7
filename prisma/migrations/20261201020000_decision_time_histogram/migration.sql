-- Medians of the whole organization without reading half an index (issue 10, item 4): a coarse
-- histogram of times to decision per UTC day, reviewer and bucket, kept from `decision_facts` by
-- statement triggers, so it is exact in the statement that writes a fact whoever writes it (a
-- decision, a reopen, a rebuild). A median adds up a group's buckets to find the one the middle
-- falls in, then reads `decision_facts` from that bucket's floor at the offset that is left.

-- The buckets' floors in seconds: sixteen per doubling from 1 s (about 4.4 % wide), the last from
-- about 97 days on; bucket 0 holds everything under 1 s. Times to decision bunch up (at 1,000,000
-- overlays, with four per doubling a median still read about 8,000 of its day's 20,000 facts),
-- so the buckets are narrow: a day has a few hundred histogram rows instead. `width_bucket` over this array and
-- `decision_time_floor` compare the same float8 values, so a fact is in bucket b exactly when
-- its time is at least b's floor and under the next one's.
CREATE FUNCTION decision_time_bounds() RETURNS float8[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT array_agg((2 ^ (k / 16.0))::float8 ORDER BY k) FROM generate_series(0, 368) AS k
$$;

CREATE FUNCTION decision_time_bucket(seconds float8) RETURNS integer
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT width_bucket(seconds, decision_time_bounds())
$$;

CREATE FUNCTION decision_time_floor(bucket integer) RETURNS float8
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce((decision_time_bounds())[bucket], '-Infinity'::float8)
$$;

-- CreateTable: standing decisions per organization, UTC day, reviewer and bucket of their time
-- to decision. A row whose count falls to 0 stays (a reopen then a new decision refills it).
CREATE TABLE "decision_times" (
    "organization_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "decided_by_id" UUID NOT NULL,
    "bucket" INTEGER NOT NULL,
    "decided" INTEGER NOT NULL,

    CONSTRAINT "decision_times_pkey" PRIMARY KEY ("organization_id","day","decided_by_id","bucket")
);

-- CreateIndex: a reviewer's buckets over a period (the per-reviewer median).
CREATE INDEX "decision_times_reviewer_idx" ON "decision_times"("organization_id", "decided_by_id", "day", "bucket", "decided");

-- Counts the facts a statement inserted, updated or deleted: the old rows out of their buckets,
-- the new ones in, one upsert per key in key order (two statements touching the same keys wait
-- for each other instead of deadlocking). An update that keeps a fact in its bucket changes nothing.
CREATE FUNCTION decision_facts_count_times() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed text := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT f.*, 1 AS weight FROM new_facts f'
    WHEN 'DELETE' THEN 'SELECT f.*, -1 AS weight FROM old_facts f'
    ELSE 'SELECT f.*, 1 AS weight FROM new_facts f UNION ALL SELECT f.*, -1 FROM old_facts f' END;
BEGIN
  EXECUTE format($sql$
    INSERT INTO "decision_times" AS t
    SELECT c."organization_id", c."day", c."decided_by_id", decision_time_bucket(c."seconds_to_decision"), sum(c.weight)
      FROM (%s) c
     GROUP BY 1, 2, 3, 4
    HAVING sum(c.weight) <> 0
     ORDER BY 1, 2, 3, 4
    ON CONFLICT ("organization_id", "day", "decided_by_id", "bucket") DO UPDATE SET
      "decided" = t."decided" + EXCLUDED."decided"
  $sql$, changed);
  RETURN NULL;
END
$$;

CREATE TRIGGER "decision_facts_count_times_insert" AFTER INSERT ON "decision_facts"
  REFERENCING NEW TABLE AS new_facts FOR EACH STATEMENT EXECUTE FUNCTION decision_facts_count_times();
CREATE TRIGGER "decision_facts_count_times_update" AFTER UPDATE ON "decision_facts"
  REFERENCING OLD TABLE AS old_facts NEW TABLE AS new_facts FOR EACH STATEMENT EXECUTE FUNCTION decision_facts_count_times();
CREATE TRIGGER "decision_facts_count_times_delete" AFTER DELETE ON "decision_facts"
  REFERENCING OLD TABLE AS old_facts FOR EACH STATEMENT EXECUTE FUNCTION decision_facts_count_times();

-- The histogram recomputed from the facts.
CREATE FUNCTION decision_times_rebuild() RETURNS void LANGUAGE sql AS $$
  TRUNCATE "decision_times";
  INSERT INTO "decision_times"
  SELECT "organization_id", "day", "decided_by_id", decision_time_bucket("seconds_to_decision"), count(*)
    FROM "decision_facts"
   GROUP BY 1, 2, 3, 4;
$$;

-- `insight_rebuild()` also runs with triggers off (the benchmark's bulk load, in replica mode), so
-- it recomputes the histogram itself after the tables it recomputed before.
ALTER FUNCTION insight_rebuild() RENAME TO insight_rebuild_counts;
CREATE FUNCTION insight_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM insight_rebuild_counts();
  PERFORM decision_times_rebuild();
END
$$;

SELECT decision_times_rebuild();
