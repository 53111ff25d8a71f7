-- Failed sign-ins are now counted per key (an email, or a client address) in one row per key,
-- incremented and read back in a single INSERT … ON CONFLICT DO UPDATE: the row lock makes the
-- count-and-check atomic, so a burst of concurrent guesses on any number of app instances can
-- never have more of them checked than the limit allows. The attempt log it replaces was read
-- before a failure was written, which let such a burst through.

-- CreateTable
CREATE TABLE "sign_in_counters" (
    "key" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "window_ends_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sign_in_counters_pkey" PRIMARY KEY ("key")
);

-- DropTable
DROP TABLE "sign_in_attempts";
