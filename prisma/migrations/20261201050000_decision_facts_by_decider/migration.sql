-- The queue's `decided_by` filter reads one decider's standing decisions newest (or oldest) first.
CREATE INDEX "decision_facts_decider_idx" ON "decision_facts"("organization_id", "decided_by_id", "decided_at" DESC);
