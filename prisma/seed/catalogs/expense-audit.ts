/** The `expense-audit` demo workflow. Expense reports: every line audited against the expense policy (`audit_expenses`). */
import { addDays, asArray, day, type GateSpec, PEOPLE_NAMES, round2, type Workflow } from '../gate-builders';
import type { Rng } from '../rng';

const EXPENSE_MERCHANTS = [
  ['Lufthansa', 'travel', 180, 890],
  ['Marriott Berlin', 'lodging', 140, 420],
  ['Uber', 'ground_transport', 12, 68],
  ['Café Einstein', 'meals', 9, 85],
  ['Staples', 'office', 15, 140],
  ['Deutsche Bahn', 'travel', 39, 159],
] as const;

function expenseGate(rng: Rng, at: Date): GateSpec {
  const items = Array.from({ length: rng.int(2, 6) }, () => {
    const [merchant, category, min, max] = rng.pick(EXPENSE_MERCHANTS);
    const amount = rng.money(min, max);
    const policy =
      category === 'meals' && amount > 60
        ? 'over_limit'
        : rng.weighted([
            ['ok', 8],
            ['missing_receipt', 2],
          ]);
    return {
      date: day(addDays(at, -rng.int(2, 25))),
      merchant,
      category,
      amount,
      currency: 'EUR',
      policy_check: policy,
    };
  });
  return {
    blockId: 'audit_expenses',
    blockType: 'for_each',
    output: {
      report_id: `EXP-${rng.int(20000, 29999)}`,
      employee: rng.pick(PEOPLE_NAMES),
      items,
      total: round2(items.reduce((sum, item) => sum + item.amount, 0)),
      flagged: items.filter((item) => item.policy_check !== 'ok').length,
    },
    triggeredBy: { kind: 'policy_flags_above', threshold: 0 },
    edits: [
      (s) => {
        const list = asArray(s.items);
        const flagged = list.find((item) => item.policy_check !== 'ok');
        if (!flagged) return 'All items checked.';
        flagged.policy_check = 'ok';
        s.flagged = list.filter((item) => item.policy_check !== 'ok').length;
        return `${String(flagged.merchant)}: receipt found in the attachments; policy check ok.`;
      },
    ],
    rejectReasons: [
      'Personal expenses mixed into the report; employee asked to resubmit.',
      'Receipts missing for three items over 75 EUR.',
    ],
  };
}

export const expenseAudit: Workflow = {
  id: 'expense-audit',
  versionIds: ['wfv_expense_v4', 'wfv_expense_v3'],
  model: { id: 'gpt-4.1-mini', display_name: 'GPT-4.1 mini' },
  weight: 8,
  gates: (rng, at) => [expenseGate(rng, at)],
};
