/** The `invoice-extraction` demo workflow. Invoices: the extracted invoice (`extract_invoice`) and, for some, the payment route (`route_payment`). */
import {
  addDays,
  asArray,
  confidence,
  DAY,
  day,
  type GateSpec,
  type Json,
  round2,
  type Workflow,
} from '../gate-builders';
import type { Rng } from '../rng';

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

export const invoiceExtraction: Workflow = {
  id: 'invoice-extraction',
  versionIds: ['wfv_invoice_v7', 'wfv_invoice_v6'],
  model: { id: 'gpt-4.1-mini', display_name: 'GPT-4.1 mini' },
  weight: 30,
  gates: (rng, at) => {
    const invoice = invoiceGate(rng, at);
    if (!rng.chance(0.3)) return [invoice];
    return [invoice, paymentRouteGate(rng, invoice.output.total as number, invoice.output.currency as string)];
  },
};
