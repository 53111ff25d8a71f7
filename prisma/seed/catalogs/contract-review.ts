/** The `contract-review` demo workflow. Contracts: exhibits split off, the contract type classified, and its key terms extracted. */
import {
  addDays,
  classifierEdits,
  confidence,
  day,
  type GateSpec,
  splitBoundaryEdit,
  type Workflow,
} from '../gate-builders';
import type { Rng } from '../rng';

const CONTRACT_TYPES = ['nda', 'msa', 'sow', 'dpa', 'amendment', 'order_form'] as const;
const COUNTERPARTIES = [
  'Fabrikam Inc.',
  'Tailspin Toys',
  'Litware Cloud Services',
  'Margie’s Travel',
  'Fourth Coffee',
  'Relecloud',
  'Woodgrove Bank',
  'Lamna Healthcare',
];

function contractGates(rng: Rng, at: Date): GateSpec[] {
  const type = rng.pick(CONTRACT_TYPES);
  const counterparty = rng.pick(COUNTERPARTIES);
  const gates: GateSpec[] = [];
  const pages = rng.int(12, 46);
  if (rng.chance(0.3)) {
    const mainEnd = rng.int(6, pages - 6);
    const exhibitEnd = rng.int(mainEnd + 2, pages - 2);
    gates.push({
      blockId: 'split_exhibits',
      blockType: 'split',
      output: {
        total_pages: pages,
        segments: [
          { label: 'Main agreement', start_page: 1, end_page: mainEnd },
          { label: 'Exhibit A: Services and fees', start_page: mainEnd + 1, end_page: exhibitEnd },
          { label: 'Exhibit B: Data processing terms', start_page: exhibitEnd + 1, end_page: pages },
        ],
      },
      edits: [splitBoundaryEdit],
      rejectReasons: ['Pages are out of order in the scan; re-scan requested.'],
    });
  }
  const alternatives = CONTRACT_TYPES.filter((t) => t !== type).slice(0, 2);
  gates.push({
    blockId: 'classify_contract',
    blockType: 'classifier',
    output: {
      label: type,
      confidence: confidence(rng, 0.58, 0.97),
      rationale: {
        nda: 'Mutual confidentiality obligations, no commercial terms.',
        msa: 'Framework terms with liability, indemnity and governing-law sections; no pricing.',
        sow: 'Deliverables, milestones and fees referencing a master agreement.',
        dpa: 'Controller/processor roles, sub-processor list and SCCs annex.',
        amendment: 'Refers to and modifies clauses of an existing agreement.',
        order_form: 'Quantities, unit prices and a subscription term on one page.',
      }[type],
      alternatives: alternatives.map((label) => ({ label, confidence: confidence(rng, 0.02, 0.3) })),
      counterparty,
    },
    triggeredBy: rng.chance(0.6) ? { kind: 'confidence_below', threshold: 0.9 } : { kind: 'always' },
    edits: classifierEdits(CONTRACT_TYPES),
    rejectReasons: [
      'Unsigned draft: the counterparty has not executed it.',
      'This is a redline comparison, not the contract.',
    ],
  });
  if (rng.chance(0.6)) {
    gates.push({
      blockId: 'extract_terms',
      blockType: 'extract',
      output: {
        counterparty,
        effective_date: day(addDays(at, rng.int(-30, 20))),
        term_months: rng.pick([12, 12, 24, 36]),
        auto_renewal: rng.chance(0.6),
        notice_period_days: rng.pick([30, 60, 90]),
        governing_law: rng.pick(['England and Wales', 'New York', 'Delaware', 'Germany', 'Netherlands']),
        liability_cap: rng.chance(0.7)
          ? { amount: rng.pick([250_000, 500_000, 1_000_000, 2_000_000]), currency: rng.pick(['USD', 'EUR']) }
          : null,
        payment_terms_days: rng.pick([30, 45, 60]),
      },
      edits: [
        (s) => {
          s.notice_period_days = Number(s.notice_period_days) === 90 ? 60 : 90;
          return `Clause 14.2 sets the notice period to ${String(s.notice_period_days)} days.`;
        },
        (s) => {
          s.auto_renewal = !s.auto_renewal;
          return s.auto_renewal ? 'Renews automatically (clause 3.1).' : 'No auto-renewal: clause 3.1 was struck out.';
        },
        (s) => {
          s.liability_cap = { amount: 12, currency: 'months_of_fees' };
          return 'Cap is twelve months of fees, not a fixed amount.';
        },
      ],
      rejectReasons: ['Key terms are in a side letter that was not uploaded.'],
    });
  }
  return gates;
}

export const contractReview: Workflow = {
  id: 'contract-review',
  versionIds: ['wfv_contracts_v2', 'wfv_contracts_v1'],
  model: { id: 'claude-sonnet-4-5', display_name: 'Claude Sonnet 4.5' },
  weight: 11,
  gates: contractGates,
};
