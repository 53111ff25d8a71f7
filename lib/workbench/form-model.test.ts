import { describe, expect, it } from 'vitest';
import { buildFormModel, type FormGrid, type FormLeaf, formLeaves } from './form-model';
import { compileSchemaValidator } from './schema-validation';

const INVOICE_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['invoice_number', 'invoice_date', 'line_items'],
  properties: {
    invoice_number: { type: 'string', title: 'Invoice number' },
    invoice_date: { type: 'string', format: 'date', title: 'Invoice date', description: 'As printed' },
    currency: { enum: ['EUR', 'USD'] },
    po_number: { anyOf: [{ type: 'string' }, { type: 'null' }] },
    total: { type: 'number', minimum: 0 },
    line_items: { type: 'array', title: 'Line items', items: { $ref: '#/$defs/line' } },
  },
  $defs: {
    line: {
      type: 'object',
      required: ['description'],
      properties: {
        description: { type: 'string', title: 'Description' },
        quantity: { type: 'integer', minimum: 1 },
        tax: { type: 'object', properties: { rate: { type: 'number', maximum: 1 } } },
      },
    },
  },
};

const INVOICE = {
  invoice_number: 'NO-1',
  invoice_date: '2026-05-02',
  currency: 'EUR',
  po_number: null,
  total: 10,
  line_items: [{ description: 'Toner', quantity: 2, tax: { rate: 0.19 } }],
  extra_note: 'kept',
};

const child = (key: string) => buildFormModel(INVOICE_SCHEMA, INVOICE).children.find((node) => node.path[0] === key);

describe('buildFormModel with a schema', () => {
  it('labels fields with their titles and falls back to the key path', () => {
    expect(child('invoice_number')?.label).toBe('Invoice number');
    expect(child('total')?.label).toBe('total');
    expect(child('invoice_date')).toMatchObject({ description: 'As printed', required: true });
    expect(child('total')?.required).toBe(false);
  });

  it('picks inputs from the schema: enums, dates, bounded numbers, optional strings', () => {
    expect((child('currency') as FormLeaf).spec).toMatchObject({ kind: 'enum', options: ['EUR', 'USD'] });
    expect((child('invoice_date') as FormLeaf).spec.kind).toBe('date');
    expect((child('total') as FormLeaf).spec).toMatchObject({ kind: 'number', minimum: 0 });
    expect((child('po_number') as FormLeaf).spec).toMatchObject({ kind: 'text', nullable: true });
  });

  it('turns an array of objects into a grid through $ref, flattening nested objects into columns', () => {
    const grid = child('line_items') as FormGrid;
    expect(grid.type).toBe('grid');
    expect(grid.columns.map((column) => [column.label, column.spec.kind, column.required])).toEqual([
      ['Description', 'text', true],
      ['quantity', 'integer', false],
      ['tax.rate', 'number', false],
    ]);
    expect(grid.blankItem).toEqual({ description: '', quantity: 0, tax: { rate: 0 } });
  });

  it('still shows keys the value has beyond the schema', () => {
    expect(child('extra_note')).toMatchObject({ type: 'leaf', label: 'extra_note', spec: { kind: 'text' } });
  });

  it('lists every leaf in reading order, grid cells row by row', () => {
    const leaves = [...formLeaves(buildFormModel(INVOICE_SCHEMA, INVOICE), INVOICE)].map((leaf) => leaf.label);
    expect(leaves).toEqual([
      'Invoice number',
      'Invoice date',
      'currency',
      'po_number',
      'total',
      'Line items 1 · Description',
      'Line items 1 · quantity',
      'Line items 1 · tax.rate',
      'extra_note',
    ]);
  });
});

describe('buildFormModel without a schema', () => {
  it('infers groups, grids and inputs from the value, with columns from every row', () => {
    const model = buildFormModel(null, {
      vendor: { name: 'Northwind' },
      paid: false,
      lines: [{ sku: 'A' }, { sku: 'B', qty: 3 }],
      tags: ['x'],
    });
    const [vendor, paid, lines, tags] = model.children;
    expect(vendor).toMatchObject({ type: 'group', children: [{ label: 'vendor.name', spec: { kind: 'text' } }] });
    expect(paid).toMatchObject({ type: 'leaf', spec: { kind: 'boolean' } });
    expect((lines as FormGrid).columns.map((column) => column.label)).toEqual(['sku', 'qty']);
    expect(tags).toMatchObject({ type: 'grid', columns: [{ label: 'Value', subPath: [] }] });
  });

  it('lets a null be typed over as text, and emptied back to null', () => {
    const [field] = buildFormModel(null, { po_number: null }).children;
    expect((field as FormLeaf).spec).toEqual({ kind: 'text', nullable: true });
  });
});

describe('compileSchemaValidator', () => {
  const validate = compileSchemaValidator(INVOICE_SCHEMA);

  it('reports each failing field by its pointer', () => {
    const errors = validate({
      ...INVOICE,
      invoice_date: '2026-02-30',
      total: -1,
      line_items: [{ quantity: 0 }],
    });
    expect(errors.get('/invoice_date')).toBe('Not a valid date (YYYY-MM-DD)');
    expect(errors.get('/total')).toBe('Must be >= 0');
    expect(errors.get('/line_items/0/description')).toBe('Required');
    expect(errors.get('/line_items/0/quantity')).toBe('Must be >= 1');
  });

  it('passes a valid output', () => {
    expect(validate(INVOICE).size).toBe(0);
  });
});
