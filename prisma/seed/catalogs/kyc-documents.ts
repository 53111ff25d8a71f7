/** The `kyc-documents` demo workflow. Identity checks: the document packet split, the identity extracted, and the sanctions screen. */
import { addDays, day, type GateSpec, PEOPLE_NAMES, splitBoundaryEdit, type Workflow } from '../gate-builders';
import type { Rng } from '../rng';

/** The nationality of each of PEOPLE_NAMES, by index. */
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

export const kycDocuments: Workflow = {
  id: 'kyc-documents',
  versionIds: ['wfv_kyc_v5', 'wfv_kyc_v4'],
  model: { id: 'gemini-2.5-pro', display_name: 'Gemini 2.5 Pro' },
  weight: 13,
  gates: kycGates,
};
