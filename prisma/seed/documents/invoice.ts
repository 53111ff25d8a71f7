/** Demo invoices: a PDF with a header, a table of line items over as many pages as it needs, and totals. */
import { addDays, day, round2 } from '../gate-builders';
import type { Rng } from '../rng';
import { type DemoDocument, Extraction, money } from './demo-document';
import { PdfCanvas } from './pdf-canvas';

const VENDORS = [
  { name: 'Northwind Traders GmbH', taxId: 'DE293847561', city: 'Hamburg', currency: 'EUR', taxRate: 0.19 },
  { name: 'Contoso Office Supply Inc.', taxId: '84-2039481', city: 'Seattle, WA', currency: 'USD', taxRate: 0.0825 },
  { name: 'Tailspin Freight BV', taxId: 'NL861234567B01', city: 'Rotterdam', currency: 'EUR', taxRate: 0.21 },
  { name: 'Fabrikam Components Ltd', taxId: 'GB123456789', city: 'Leeds', currency: 'GBP', taxRate: 0.2 },
];

const ITEMS: [string, number, number][] = [
  ['Copy paper A4, 80 g (box of 5 reams)', 21, 34],
  ['Toner cartridge 59X', 118, 164],
  ['Ergonomic office chair', 289, 420],
  ['Desk organiser set', 12, 25],
  ['Pallet freight Rotterdam - Hamburg', 420, 780],
  ['Customs clearance fee', 65, 120],
  ['Hex bolts M8 x 40 (box of 100)', 14, 22],
  ['Cable ties 300 mm (pack of 500)', 9, 16],
  ['Maintenance visit, 2 h', 180, 240],
  ['Safety gloves, size L (10 pairs)', 28, 39],
];

const CUSTOMERS = ['Acme Finance Ops', 'Acme Logistics GmbH', 'Acme Retail Europe BV'];

export const INVOICE_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Invoice',
  type: 'object',
  required: ['invoice_number', 'vendor', 'invoice_date', 'currency', 'line_items', 'total'],
  properties: {
    invoice_number: { type: 'string', title: 'Invoice number', minLength: 1 },
    vendor: {
      type: 'object',
      title: 'Vendor',
      required: ['name'],
      properties: {
        name: { type: 'string', title: 'Vendor name', minLength: 1 },
        tax_id: { type: 'string', title: 'Tax ID', description: 'VAT number or EIN, as printed.' },
      },
    },
    customer_name: { type: 'string', title: 'Bill to' },
    invoice_date: { type: 'string', format: 'date', title: 'Invoice date' },
    due_date: { type: 'string', format: 'date', title: 'Due date', description: 'When payment is due.' },
    currency: { type: 'string', title: 'Currency', enum: ['EUR', 'USD', 'GBP'] },
    line_items: {
      type: 'array',
      title: 'Line items',
      items: {
        type: 'object',
        required: ['description', 'quantity', 'unit_price', 'amount'],
        properties: {
          description: { type: 'string', title: 'Description', minLength: 1 },
          quantity: { type: 'integer', title: 'Qty', minimum: 1 },
          unit_price: { type: 'number', title: 'Unit price', minimum: 0 },
          amount: { type: 'number', title: 'Amount', minimum: 0, description: 'Quantity × unit price.' },
        },
      },
    },
    subtotal: { type: 'number', title: 'Subtotal', minimum: 0 },
    tax: { type: 'number', title: 'Tax', minimum: 0 },
    total: { type: 'number', title: 'Total', minimum: 0, description: 'Amount due, tax included.' },
  },
};

const WIDTH = 595;
const HEIGHT = 842;
const ROW = 16;
const TABLE_END = HEIGHT - 90;
const COLUMNS = { description: 50, quantity: 370, unitPrice: 460, amount: 545 };

function tableHeader(canvas: PdfCanvas, top: number): number {
  canvas.text('Description', COLUMNS.description, top, { bold: true, size: 9 });
  canvas.text('Qty', COLUMNS.quantity, top, { bold: true, size: 9, align: 'right' });
  canvas.text('Unit price', COLUMNS.unitPrice, top, { bold: true, size: 9, align: 'right' });
  canvas.text('Amount', COLUMNS.amount, top, { bold: true, size: 9, align: 'right' });
  canvas.line(50, top + 14, 545);
  return top + 20;
}

/** An invoice of `lineCount` items dated around `at`. */
export async function buildInvoice(rng: Rng, at: Date, lineCount: number): Promise<DemoDocument> {
  const vendor = rng.pick(VENDORS);
  const number = `INV-${at.getUTCFullYear()}-${String(rng.int(1000, 99999)).padStart(5, '0')}`;
  const issued = day(addDays(at, -rng.int(1, 12)));
  const due = day(addDays(new Date(issued), rng.pick([14, 30, 45])));
  const customer = rng.pick(CUSTOMERS);
  const canvas = await PdfCanvas.create(WIDTH, HEIGHT);
  const read = new Extraction(rng);

  const vendorName = canvas.text(vendor.name, 50, 50, { bold: true, size: 16 });
  canvas.text(`${vendor.city}`, 50, 72, { gray: true });
  const taxId = canvas.text(`Tax ID ${vendor.taxId}`, 50, 86, { gray: true });
  canvas.text('INVOICE', 545, 50, { bold: true, size: 20, align: 'right' });
  canvas.text('Invoice no.', 380, 90, { gray: true, size: 9 });
  const numberAt = canvas.text(number, 545, 90, { align: 'right' });
  canvas.text('Date', 380, 106, { gray: true, size: 9 });
  const issuedAt = canvas.text(issued, 545, 106, { align: 'right' });
  canvas.text('Due', 380, 122, { gray: true, size: 9 });
  const dueAt = canvas.text(due, 545, 122, { align: 'right' });
  canvas.text('Bill to', 50, 130, { gray: true, size: 9 });
  const customerAt = canvas.text(customer, 50, 144, { bold: true });
  canvas.text('Currency', 50, 170, { gray: true, size: 9 });
  const currencyAt = canvas.text(vendor.currency, 100, 170, { size: 9 });

  const likelihoods: Record<string, unknown> = {};
  const lineItems: Record<string, unknown>[] = [];
  const lineLikelihoods: Record<string, number>[] = [];
  let top = tableHeader(canvas, 200);
  let subtotal = 0;
  for (let index = 0; index < lineCount; index++) {
    if (top > TABLE_END) {
      canvas.addPage();
      canvas.text(`${vendor.name} - ${number} (continued)`, 50, 40, { gray: true, size: 9 });
      top = tableHeader(canvas, 64);
    }
    const [description, low, high] = rng.pick(ITEMS);
    const quantity = rng.int(1, 12);
    const unitPrice = rng.money(low, high);
    const amount = round2(quantity * unitPrice);
    subtotal = round2(subtotal + amount);
    const at = `/line_items/${index}`;
    lineLikelihoods.push({
      description: read.read(
        `${at}/description`,
        canvas.text(description, COLUMNS.description, top, { size: 9 }),
        0.04,
      ),
      quantity: read.read(
        `${at}/quantity`,
        canvas.text(String(quantity), COLUMNS.quantity, top, { size: 9, align: 'right' }),
        0.06,
      ),
      unit_price: read.read(
        `${at}/unit_price`,
        canvas.text(money(unitPrice), COLUMNS.unitPrice, top, { size: 9, align: 'right' }),
        0.06,
      ),
      amount: read.read(
        `${at}/amount`,
        canvas.text(money(amount), COLUMNS.amount, top, { size: 9, align: 'right' }),
        0.05,
      ),
    });
    lineItems.push({ description, quantity, unit_price: unitPrice, amount });
    top += ROW;
  }
  if (top > TABLE_END - 60) {
    canvas.addPage();
    top = 64;
  }
  const tax = round2(subtotal * vendor.taxRate);
  const total = round2(subtotal + tax);
  canvas.line(330, top + 4, 545);
  canvas.text('Subtotal', 380, top + 12, { gray: true });
  const subtotalAt = canvas.text(money(subtotal), 545, top + 12, { align: 'right' });
  canvas.text(`Tax ${Math.round(vendor.taxRate * 10000) / 100} %`, 380, top + 28, { gray: true });
  const taxAt = canvas.text(money(tax), 545, top + 28, { align: 'right' });
  canvas.text('Total due', 380, top + 48, { bold: true, size: 12 });
  const totalAt = canvas.text(`${vendor.currency} ${money(total)}`, 545, top + 48, {
    bold: true,
    size: 12,
    align: 'right',
  });

  // Sometimes the model misreads the total: it is then unsure of it, and the reviewer has work.
  const misread = rng.chance(0.3);
  const totalRead = misread ? round2(total + rng.pick([9, 90, -9, 0.9])) : total;
  likelihoods.invoice_number = read.read('/invoice_number', numberAt);
  likelihoods.vendor = {
    name: read.read('/vendor/name', vendorName, 0.03),
    tax_id: read.read('/vendor/tax_id', taxId),
  };
  likelihoods.customer_name = read.read('/customer_name', customerAt, 0.05);
  likelihoods.invoice_date = read.read('/invoice_date', issuedAt);
  likelihoods.due_date = read.read('/due_date', dueAt, 0.2);
  likelihoods.currency = read.read('/currency', currencyAt, 0.02);
  likelihoods.line_items = lineLikelihoods;
  likelihoods.subtotal = read.read('/subtotal', subtotalAt);
  likelihoods.tax = read.read('/tax', taxAt);
  const totalLikelihood = read.read('/total', totalAt, 0.05);
  likelihoods.total = misread ? 0.42 : totalLikelihood;

  return {
    workflowId: 'invoice-documents',
    blockId: 'extract_invoice',
    blockType: 'extract',
    model: { id: 'gpt-4.1-mini', display_name: 'GPT-4.1 mini' },
    fileName: `${number}.pdf`,
    pdf: await canvas.save(),
    output: {
      invoice_number: number,
      vendor: { name: vendor.name, tax_id: vendor.taxId },
      customer_name: customer,
      invoice_date: issued,
      due_date: due,
      currency: vendor.currency,
      line_items: lineItems,
      subtotal,
      tax,
      total: totalRead,
    },
    jsonSchema: INVOICE_SCHEMA,
    likelihoods,
    citations: read.citations,
  };
}
