/** Demo receipts: a narrow till slip with a merchant, a few items, totals and how it was paid. */
import { addDays, day, round2 } from '../gate-builders';
import type { Rng } from '../rng';
import { type DemoDocument, Extraction, money } from './demo-document';
import { PdfCanvas } from './pdf-canvas';

const MERCHANTS = [
  {
    name: 'Cafe Central',
    city: 'Vienna',
    items: [
      ['Melange', 4.2, 4.9],
      ['Apfelstrudel', 5.5, 6.5],
      ['Sandwich', 7.9, 9.5],
    ],
  },
  {
    name: 'Taxi Berlin 4711',
    city: 'Berlin',
    items: [
      ['Fare', 14, 38],
      ['Airport surcharge', 1.5, 1.5],
    ],
  },
  {
    name: 'Hotel Adlon Kempinski',
    city: 'Berlin',
    items: [
      ['Room, 1 night', 210, 340],
      ['Breakfast', 38, 42],
      ['City tax', 7, 12],
    ],
  },
  {
    name: 'Office World',
    city: 'Munich',
    items: [
      ['Notebooks A5 (3)', 8.9, 12.9],
      ['USB-C cable', 12.9, 19.9],
      ['Pens (10)', 4.5, 6.5],
    ],
  },
] as const;

const PAYMENT_METHODS = ['card', 'cash', 'mobile'] as const;

export const RECEIPT_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Expense receipt',
  type: 'object',
  required: ['merchant', 'date', 'items', 'total', 'payment_method'],
  properties: {
    merchant: { type: 'string', title: 'Merchant', minLength: 1 },
    city: { type: 'string', title: 'City' },
    date: { type: 'string', format: 'date', title: 'Date' },
    time: {
      type: 'string',
      title: 'Time',
      pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$',
      description: '24-hour clock, HH:MM.',
    },
    items: {
      type: 'array',
      title: 'Items',
      minItems: 1,
      items: {
        type: 'object',
        required: ['name', 'price'],
        properties: {
          name: { type: 'string', title: 'Item' },
          price: { type: 'number', title: 'Price', minimum: 0 },
        },
      },
    },
    tax: { type: 'number', title: 'VAT included', minimum: 0 },
    total: { type: 'number', title: 'Total', minimum: 0, maximum: 10000 },
    payment_method: { type: 'string', title: 'Paid by', enum: [...PAYMENT_METHODS] },
  },
};

const WIDTH = 226;

export async function buildReceipt(rng: Rng, at: Date): Promise<DemoDocument> {
  const merchant = rng.pick(MERCHANTS);
  const itemCount = rng.int(1, merchant.items.length);
  const height = 300 + itemCount * 16;
  const canvas = await PdfCanvas.create(WIDTH, height);
  const read = new Extraction(rng);
  const date = day(addDays(at, -rng.int(0, 20)));
  const time = `${String(rng.int(7, 22)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}`;
  const payment = rng.pick(PAYMENT_METHODS);

  const merchantAt = canvas.text(merchant.name, WIDTH / 2 - 70, 24, { bold: true, size: 12 });
  const cityAt = canvas.text(merchant.city, WIDTH / 2 - 70, 42, { gray: true, size: 9 });
  const dateAt = canvas.text(date, 16, 70, { size: 9 });
  const timeAt = canvas.text(time, WIDTH - 16, 70, { size: 9, align: 'right' });
  canvas.line(16, 86, WIDTH - 16);
  let top = 96;
  let total = 0;
  const items: Record<string, unknown>[] = [];
  const itemLikelihoods: Record<string, number>[] = [];
  for (let index = 0; index < itemCount; index++) {
    const [name, low, high] = merchant.items[index] as readonly [string, number, number];
    const price = rng.money(low, high);
    total = round2(total + price);
    itemLikelihoods.push({
      name: read.read(`/items/${index}/name`, canvas.text(name, 16, top, { size: 9 }), 0.08),
      price: read.read(
        `/items/${index}/price`,
        canvas.text(money(price), WIDTH - 16, top, { size: 9, align: 'right' }),
        0.1,
      ),
    });
    items.push({ name, price });
    top += 16;
  }
  canvas.line(16, top + 2, WIDTH - 16);
  const tax = round2(total - total / 1.19);
  canvas.text('TOTAL EUR', 16, top + 12, { bold: true, size: 11 });
  const totalAt = canvas.text(money(total), WIDTH - 16, top + 12, { bold: true, size: 11, align: 'right' });
  canvas.text('incl. VAT 19 %', 16, top + 32, { gray: true, size: 8 });
  const taxAt = canvas.text(money(tax), WIDTH - 16, top + 32, { gray: true, size: 8, align: 'right' });
  const paidAt = canvas.text(`Paid: ${payment.toUpperCase()}`, 16, top + 56, { size: 9 });
  canvas.text('Thank you for your visit!', WIDTH / 2 - 50, top + 90, { gray: true, size: 8 });

  return {
    workflowId: 'receipt-documents',
    blockId: 'extract_receipt',
    blockType: 'extract',
    model: { id: 'gpt-4.1-mini', display_name: 'GPT-4.1 mini' },
    fileName: `receipt-${date}-${merchant.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.pdf`,
    pdf: await canvas.save(),
    output: { merchant: merchant.name, city: merchant.city, date, time, items, tax, total, payment_method: payment },
    jsonSchema: RECEIPT_SCHEMA,
    likelihoods: {
      merchant: read.read('/merchant', merchantAt, 0.05),
      city: read.read('/city', cityAt),
      date: read.read('/date', dateAt, 0.2),
      time: read.read('/time', timeAt, 0.15),
      items: itemLikelihoods,
      tax: read.read('/tax', taxAt, 0.25),
      total: read.read('/total', totalAt, 0.1),
      payment_method: read.read('/payment_method', paidAt, 0.3),
    },
    citations: read.citations,
  };
}
