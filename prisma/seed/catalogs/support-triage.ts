/** The `support-triage` demo workflow. Support tickets: the ticket label (`triage_ticket`) and, for some, the escalation route (`escalation_route`). */
import { classifierEdits, confidence, type GateSpec, type Workflow } from '../gate-builders';
import type { Rng } from '../rng';

const TICKET_LABELS = ['billing', 'bug', 'account_access', 'feature_request', 'cancellation_risk'] as const;
const TICKETS: Record<(typeof TICKET_LABELS)[number], { subject: string; rationale: string }[]> = {
  billing: [
    { subject: 'Charged twice for May subscription', rationale: 'Mentions a duplicate charge and asks for a refund.' },
    { subject: 'VAT number missing on invoice', rationale: 'Asks to reissue an invoice with tax details.' },
  ],
  bug: [
    { subject: 'Export to CSV times out for large reports', rationale: 'Describes an error reproducible with steps.' },
    { subject: 'Dashboard shows yesterday’s numbers', rationale: 'Reports stale data in the product.' },
  ],
  account_access: [
    { subject: 'Locked out after enabling 2FA', rationale: 'Cannot sign in; mentions a lost authenticator.' },
    { subject: 'SSO login loops back to the start page', rationale: 'Authentication flow fails for the whole team.' },
  ],
  feature_request: [
    { subject: 'Can we schedule reports weekly?', rationale: 'Asks for a capability the product lacks.' },
    { subject: 'Please add a Slack integration', rationale: 'Requests a new integration.' },
  ],
  cancellation_risk: [
    { subject: 'Thinking about switching providers', rationale: 'Mentions a competitor and contract end date.' },
    { subject: 'Downgrade our plan before renewal', rationale: 'Wants to reduce seats ahead of renewal.' },
  ],
};

function supportGates(rng: Rng): GateSpec[] {
  const label = rng.pick(TICKET_LABELS);
  const ticket = rng.pick(TICKETS[label]);
  const tier = rng.weighted([
    ['free', 3],
    ['team', 4],
    ['enterprise', 2],
  ]);
  const gates: GateSpec[] = [
    {
      blockId: 'triage_ticket',
      blockType: 'classifier',
      output: {
        ticket_id: `T-${rng.int(180000, 249999)}`,
        subject: ticket.subject,
        customer_tier: tier,
        label,
        confidence: confidence(rng, 0.51, 0.96),
        rationale: ticket.rationale,
        alternatives: TICKET_LABELS.filter((l) => l !== label)
          .slice(0, 2)
          .map((l) => ({ label: l, confidence: confidence(rng, 0.02, 0.35) })),
      },
      triggeredBy: rng.weighted<GateSpec['triggeredBy']>([
        [{ kind: 'confidence_below', threshold: 0.85 }, 5],
        [{ kind: 'sampled', rate: 0.05 }, 2],
        [{ kind: 'always' }, 1],
      ]),
      edits: classifierEdits(TICKET_LABELS),
      rejectReasons: ['Auto-reply from a mailbox, not a customer ticket.', 'Spam. Closed without a reply.'],
    },
  ];
  if (tier === 'enterprise' || rng.chance(0.15)) {
    const branch = tier === 'enterprise' ? rng.pick(['account_manager', 'tier2_engineering']) : 'standard_queue';
    gates.push({
      blockId: 'escalation_route',
      blockType: 'conditional',
      output: {
        branch,
        reasons: [
          tier === 'enterprise' ? 'Enterprise customer with a 4-hour response SLA' : 'No SLA on this plan',
          label === 'bug' ? 'Reproducible defect reported' : 'Not a product defect',
        ],
        sla_hours: tier === 'enterprise' ? 4 : 24,
      },
      edits: [
        (s) => {
          s.branch = s.branch === 'tier2_engineering' ? 'account_manager' : 'tier2_engineering';
          return `Escalated to ${String(s.branch)}: the customer already reported this last week.`;
        },
      ],
      rejectReasons: ['Customer withdrew the ticket.'],
    });
  }
  return gates;
}

export const supportTriage: Workflow = {
  id: 'support-triage',
  versionIds: ['wfv_support_v12', 'wfv_support_v11'],
  model: { id: 'gpt-4.1-nano', display_name: 'GPT-4.1 nano' },
  weight: 22,
  gates: supportGates,
};
