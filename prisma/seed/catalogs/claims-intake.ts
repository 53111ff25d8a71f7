/** The `claims-intake` demo workflow. Insurance claims: the extracted claim, its items assessed one by one, and fraud signals. */
import {
  addDays,
  asArray,
  confidence,
  day,
  type GateSpec,
  PEOPLE_NAMES,
  round2,
  type Workflow,
} from '../gate-builders';
import type { Rng } from '../rng';

const CLAIM_ITEMS = [
  ['Laptop (Dell XPS 15)', 'electronics', 1400, 2300],
  ['Smartphone (iPhone 15)', 'electronics', 700, 1200],
  ['Bicycle (road, carbon)', 'sports', 900, 3200],
  ['Sofa, 3-seat', 'furniture', 600, 1800],
  ['Water-damaged carpet', 'flooring', 300, 1400],
  ['Wedding ring', 'jewellery', 800, 4500],
  ['TV 65"', 'electronics', 650, 1600],
] as const;

function claimsGates(rng: Rng, at: Date): GateSpec[] {
  const incident = rng.pick(['theft', 'water_damage', 'fire', 'accidental_damage', 'storm']);
  const items = Array.from({ length: rng.int(1, 5) }, () => {
    const [item, category, min, max] = rng.pick(CLAIM_ITEMS);
    const claimed = rng.money(min, max);
    const depreciation = rng.pick([0, 0.1, 0.2, 0.35]);
    const decision = rng.weighted([
      ['covered', 6],
      ['needs_receipt', 2],
      ['excluded', 1],
    ]);
    return {
      item,
      category,
      claimed_value: claimed,
      depreciation,
      payable: decision === 'covered' ? round2(claimed * (1 - depreciation)) : 0,
      decision,
    };
  });
  const amount = round2(items.reduce((sum, item) => sum + item.claimed_value, 0));
  const gates: GateSpec[] = [
    {
      blockId: 'extract_claim',
      blockType: 'extract',
      output: {
        claim_number: `CLM-${rng.int(300000, 399999)}`,
        policy_number: `HOM-${rng.int(10, 99)}-${rng.int(100000, 999999)}`,
        claimant: rng.pick(PEOPLE_NAMES),
        incident_type: incident,
        incident_date: day(addDays(at, -rng.int(1, 30))),
        location: rng.pick(['Leeds, UK', 'Utrecht, NL', 'Lyon, FR', 'Munich, DE', 'Porto, PT']),
        estimated_amount: amount,
        currency: 'EUR',
        description: `Policyholder reports ${incident.replace('_', ' ')} affecting ${items.length} item(s).`,
      },
      triggeredBy:
        amount > 5000 ? { kind: 'amount_above', field: 'estimated_amount', threshold: 5000 } : { kind: 'always' },
      edits: [
        (s) => {
          s.incident_date = day(addDays(new Date(`${String(s.incident_date)}T00:00:00Z`), -1));
          return 'Incident happened the night before (police report).';
        },
        (s) => {
          s.incident_type = s.incident_type === 'storm' ? 'water_damage' : 'storm';
          return `Reclassified as ${String(s.incident_type)} per the adjuster's photos.`;
        },
      ],
      rejectReasons: [
        'Policy lapsed before the incident date.',
        'Falls under the flood exclusion of the policy.',
        'Duplicate of a claim already in progress.',
      ],
    },
  ];
  if (rng.chance(0.5)) {
    gates.push({
      blockId: 'assess_items',
      blockType: 'for_each',
      output: { items, total_payable: round2(items.reduce((sum, item) => sum + item.payable, 0)) },
      edits: [
        (s) => {
          const list = asArray(s.items);
          const target = list.find((item) => item.decision !== 'covered') ?? list[0];
          if (!target) return 'No change.';
          target.decision = 'covered';
          target.payable = round2(Number(target.claimed_value) * (1 - Number(target.depreciation)));
          s.total_payable = round2(list.reduce((sum, item) => sum + Number(item.payable), 0));
          return `Receipt for "${String(target.item)}" arrived by email; marked covered.`;
        },
        (s) => {
          const list = asArray(s.items);
          if (list.length < 2) return 'Checked items: no change.';
          const removed = list.pop();
          s.total_payable = round2(list.reduce((sum, item) => sum + Number(item.payable), 0));
          return `Removed "${String(removed?.item)}": listed twice on the form.`;
        },
      ],
      rejectReasons: ['Item list belongs to a different claim.'],
    });
  }
  if (rng.chance(0.25)) {
    const score = confidence(rng, 0.05, 0.92);
    gates.push({
      blockId: 'fraud_signals',
      blockType: 'conditional',
      output: {
        branch: score > 0.7 ? 'siu_referral' : score > 0.4 ? 'adjuster_review' : 'fast_track',
        score,
        reasons:
          score > 0.4
            ? ['Claim filed within 30 days of policy start', 'High-value items without receipts']
            : ['Long-standing customer, no prior claims'],
      },
      edits: [
        (s) => {
          s.branch = 'adjuster_review';
          return 'Not a SIU case: policy start date was misread. Adjuster review is enough.';
        },
      ],
      rejectReasons: ['Claimant withdrew the claim.'],
    });
  }
  return gates;
}

export const claimsIntake: Workflow = {
  id: 'claims-intake',
  versionIds: ['wfv_claims_v3', 'wfv_claims_v2'],
  model: { id: 'claude-haiku-4-5', display_name: 'Claude Haiku 4.5' },
  weight: 16,
  gates: claimsGates,
};
