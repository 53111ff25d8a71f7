import { claimsIntake } from './catalogs/claims-intake';
import { contractReview } from './catalogs/contract-review';
import { expenseAudit } from './catalogs/expense-audit';
import { invoiceExtraction } from './catalogs/invoice-extraction';
import { kycDocuments } from './catalogs/kyc-documents';
import { supportTriage } from './catalogs/support-triage';
import type { Workflow } from './gate-builders';

/** Every demo workflow. The order is part of the seed: the queue planner draws from this list. */
export const WORKFLOWS: Workflow[] = [
  invoiceExtraction,
  supportTriage,
  claimsIntake,
  kycDocuments,
  contractReview,
  expenseAudit,
];
