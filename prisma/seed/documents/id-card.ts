/** Demo ID cards: one card-sized page with a photo box and the holder's details. */
import { addDays, day, PEOPLE_NAMES } from '../gate-builders';
import type { Rng } from '../rng';
import { type DemoDocument, Extraction } from './demo-document';
import { PdfCanvas } from './pdf-canvas';

const DOCUMENT_TYPES = ['national_id', 'drivers_license', 'residence_permit'] as const;
const COUNTRIES = ['DEU', 'AUT', 'NLD', 'FRA', 'ESP', 'ITA', 'SWE', 'IRL'] as const;
const TITLES: Record<(typeof DOCUMENT_TYPES)[number], string> = {
  national_id: 'IDENTITY CARD',
  drivers_license: 'DRIVING LICENCE',
  residence_permit: 'RESIDENCE PERMIT',
};

export const ID_CARD_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Identity document',
  type: 'object',
  required: ['document_type', 'issuing_country', 'document_number', 'full_name', 'date_of_birth', 'expiry_date'],
  properties: {
    document_type: { type: 'string', title: 'Document type', enum: [...DOCUMENT_TYPES] },
    issuing_country: {
      type: 'string',
      title: 'Issuing country',
      description: 'ISO 3166-1 alpha-3 code.',
      enum: [...COUNTRIES],
    },
    document_number: {
      type: 'string',
      title: 'Document number',
      pattern: '^[A-Z0-9]{9}$',
      description: 'Nine letters or digits.',
    },
    full_name: { type: 'string', title: 'Full name', minLength: 1 },
    date_of_birth: { type: 'string', format: 'date', title: 'Date of birth' },
    expiry_date: { type: 'string', format: 'date', title: 'Valid until' },
  },
};

const WIDTH = 243;
const HEIGHT = 153;

export async function buildIdCard(rng: Rng, at: Date): Promise<DemoDocument> {
  const type = rng.pick(DOCUMENT_TYPES);
  const country = rng.pick(COUNTRIES);
  const name = rng.pick(PEOPLE_NAMES);
  const number = Array.from({ length: 9 }, () => 'CFGHJKLMNPRTVWXYZ0123456789'[rng.int(0, 26)]).join('');
  const born = day(addDays(at, -rng.int(20 * 365, 70 * 365)));
  const expires = day(addDays(at, rng.int(60, 9 * 365)));
  const canvas = await PdfCanvas.create(WIDTH, HEIGHT);
  const read = new Extraction(rng);

  canvas.box(0, 0, WIDTH, 28, 0.86);
  const countryAt = canvas.text(country, 12, 9, { bold: true, size: 11 });
  const typeAt = canvas.text(TITLES[type], WIDTH - 12, 10, { bold: true, size: 9, align: 'right' });
  canvas.box(12, 38, 62, 78, 0.78);
  canvas.text('Name', 86, 38, { gray: true, size: 6 });
  const nameAt = canvas.text(name, 86, 46, { bold: true, size: 9 });
  canvas.text('Date of birth', 86, 64, { gray: true, size: 6 });
  const bornAt = canvas.text(born, 86, 72, { size: 8 });
  canvas.text('Valid until', 160, 64, { gray: true, size: 6 });
  const expiresAt = canvas.text(expires, 160, 72, { size: 8 });
  canvas.text('Document no.', 86, 90, { gray: true, size: 6 });
  const numberAt = canvas.text(number, 86, 98, { bold: true, size: 9 });

  // A 0 read as O now and then: the pattern still passes, the reviewer must compare.
  const misread = number.includes('0') && rng.chance(0.5);
  const numberLikelihood = read.read('/document_number', numberAt, 0.15);
  return {
    workflowId: 'id-documents',
    blockId: 'extract_identity',
    blockType: 'extract',
    model: { id: 'gemini-2.5-pro', display_name: 'Gemini 2.5 Pro' },
    fileName: `${type}-${country}-${number}.pdf`,
    pdf: await canvas.save(),
    output: {
      document_type: type,
      issuing_country: country,
      document_number: misread ? number.replace('0', 'O') : number,
      full_name: name,
      date_of_birth: born,
      expiry_date: expires,
    },
    jsonSchema: ID_CARD_SCHEMA,
    likelihoods: {
      document_type: read.read('/document_type', typeAt, 0.05),
      issuing_country: read.read('/issuing_country', countryAt, 0.05),
      document_number: misread ? 0.38 : numberLikelihood,
      full_name: read.read('/full_name', nameAt, 0.1),
      date_of_birth: read.read('/date_of_birth', bornAt, 0.15),
      expiry_date: read.read('/expiry_date', expiresAt, 0.15),
    },
    citations: read.citations,
  };
}
