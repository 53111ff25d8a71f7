import { describe, expect, it } from 'vitest';
import { mergeDrafts, resolveConflict } from './three-way-merge';

const base = {
  vendor: { name: 'Acme', vat_id: 'NO123' },
  total: 100,
  currency: 'NOK',
  line_items: [{ id: 1, amount: 100 }],
  memo: null,
};

function edit(changes: (draft: typeof base & Record<string, unknown>) => void) {
  const draft = structuredClone(base) as typeof base & Record<string, unknown>;
  changes(draft);
  return draft;
}

describe('mergeDrafts', () => {
  it('returns theirs untouched when I changed nothing', () => {
    const theirs = edit((d) => {
      d.total = 120;
    });
    expect(mergeDrafts({ base, mine: base, theirs })).toEqual({ merged: theirs, conflicts: [], carried: [] });
  });

  it('carries my changes onto theirs when they changed nothing', () => {
    const mine = edit((d) => {
      d.total = 90;
    });
    expect(mergeDrafts({ base, mine, theirs: base })).toEqual({ merged: mine, conflicts: [], carried: [['total']] });
  });

  it('combines edits to different fields, down to nested leaves', () => {
    const mine = edit((d) => {
      d.vendor.name = 'Acme AS';
    });
    const theirs = edit((d) => {
      d.vendor.vat_id = 'NO999';
      d.total = 120;
    });
    const result = mergeDrafts({ base, mine, theirs });
    expect(result.merged).toEqual({ ...theirs, vendor: { name: 'Acme AS', vat_id: 'NO999' } });
    expect(result.carried).toEqual([['vendor', 'name']]);
    expect(result.conflicts).toEqual([]);
  });

  it('carries keys I added, after their keys', () => {
    const mine = edit((d) => {
      d.due_date = '2026-06-01';
      d.vendor = { ...d.vendor, country: 'NO' } as typeof d.vendor;
    });
    const theirs = edit((d) => {
      d.paid = true;
    });
    const result = mergeDrafts({ base, mine, theirs });
    expect(result.merged).toEqual({ ...theirs, vendor: { ...base.vendor, country: 'NO' }, due_date: '2026-06-01' });
    expect(Object.keys(result.merged).slice(-2)).toEqual(['paid', 'due_date']);
    expect(result.carried).toEqual([['vendor', 'country'], ['due_date']]);
  });

  it('keeps keys they added and carries keys I removed', () => {
    const mine = edit((d) => {
      delete (d as Record<string, unknown>).memo;
    });
    const theirs = edit((d) => {
      d.reference = 'INV-7';
    });
    const result = mergeDrafts({ base, mine, theirs });
    expect(result.merged).not.toHaveProperty('memo');
    expect(result.merged.reference).toBe('INV-7');
    expect(result.carried).toEqual([['memo']]);
  });

  it('keeps their removal when I left the field alone', () => {
    const theirs = edit((d) => {
      delete (d as Record<string, unknown>).memo;
    });
    const result = mergeDrafts({ base, mine: base, theirs });
    expect(result.merged).not.toHaveProperty('memo');
    expect(result.conflicts).toEqual([]);
  });

  it('accepts both sides making the same change', () => {
    const both = edit((d) => {
      d.total = 120;
      d.vendor.name = 'Acme AS';
      d.line_items = [{ id: 1, amount: 120 }];
    });
    expect(mergeDrafts({ base, mine: both, theirs: structuredClone(both) })).toEqual({
      merged: both,
      conflicts: [],
      carried: [],
    });
  });

  it('reports different changes to one field as a conflict and keeps theirs meanwhile', () => {
    const mine = edit((d) => {
      d.total = 90;
      d.currency = 'EUR';
    });
    const theirs = edit((d) => {
      d.total = 120;
    });
    const result = mergeDrafts({ base, mine, theirs });
    expect(result.conflicts).toEqual([{ path: ['total'], base: 100, mine: 90, theirs: 120 }]);
    expect(result.merged.total).toBe(120);
    expect(result.merged.currency).toBe('EUR');
    expect(result.carried).toEqual([['currency']]);
  });

  it('reports a conflict deep inside an object', () => {
    const mine = edit((d) => {
      d.vendor.name = 'Mine';
    });
    const theirs = edit((d) => {
      d.vendor.name = 'Theirs';
    });
    expect(mergeDrafts({ base, mine, theirs }).conflicts).toEqual([
      { path: ['vendor', 'name'], base: 'Acme', mine: 'Mine', theirs: 'Theirs' },
    ]);
  });

  it('reports my edit against their removal, with undefined for the missing side', () => {
    const mine = edit((d) => {
      d.vendor.name = 'Acme AS';
    });
    const theirs = edit((d) => {
      delete (d as Record<string, unknown>).vendor;
    });
    const result = mergeDrafts({ base, mine, theirs });
    expect(result.conflicts).toEqual([{ path: ['vendor'], base: base.vendor, mine: mine.vendor, theirs: undefined }]);
    expect(result.merged).not.toHaveProperty('vendor');
  });

  it('reports my removal against their edit', () => {
    const mine = edit((d) => {
      delete (d as Record<string, unknown>).total;
    });
    const theirs = edit((d) => {
      d.total = 120;
    });
    expect(mergeDrafts({ base, mine, theirs }).conflicts).toEqual([
      { path: ['total'], base: 100, mine: undefined, theirs: 120 },
    ]);
  });

  it('compares fields both sides added, key by key when both are objects', () => {
    const mine = edit((d) => {
      d.note = 'mine';
      d.payee = { iban: 'NO1', bic: 'DNB' };
    });
    const theirs = edit((d) => {
      d.note = 'theirs';
      d.payee = { iban: 'NO1', bic: 'NDEA' };
    });
    const result = mergeDrafts({ base, mine, theirs });
    expect(result.conflicts).toEqual([
      { path: ['note'], base: undefined, mine: 'mine', theirs: 'theirs' },
      { path: ['payee', 'bic'], base: undefined, mine: 'DNB', theirs: 'NDEA' },
    ]);
    expect(result.merged.payee).toEqual({ iban: 'NO1', bic: 'NDEA' });
  });

  it('treats a change of type as a change of the whole value', () => {
    const mine = edit((d) => {
      d.memo = { text: 'paid' } as unknown as null;
    });
    const theirs = edit((d) => {
      d.memo = 'paid' as unknown as null;
    });
    expect(mergeDrafts({ base, mine, theirs }).conflicts).toEqual([
      { path: ['memo'], base: null, mine: { text: 'paid' }, theirs: 'paid' },
    ]);
  });

  describe('arrays', () => {
    it('takes my array whole when only I changed it', () => {
      const mine = edit((d) => {
        d.line_items = [
          { id: 1, amount: 60 },
          { id: 2, amount: 40 },
        ];
      });
      const theirs = edit((d) => {
        d.total = 120;
      });
      const result = mergeDrafts({ base, mine, theirs });
      expect(result.merged.line_items).toEqual(mine.line_items);
      expect(result.carried).toEqual([['line_items']]);
    });

    it('keeps their array whole when only they changed it', () => {
      const theirs = edit((d) => {
        d.line_items = [];
      });
      const mine = edit((d) => {
        d.total = 0;
      });
      const result = mergeDrafts({ base, mine, theirs });
      expect(result.merged.line_items).toEqual([]);
      expect(result.conflicts).toEqual([]);
    });

    it('reports the whole array as one conflict when both changed it differently', () => {
      const mine = edit((d) => {
        d.line_items = [{ id: 1, amount: 90 }];
      });
      const theirs = edit((d) => {
        d.line_items = [
          { id: 1, amount: 100 },
          { id: 2, amount: 20 },
        ];
      });
      const result = mergeDrafts({ base, mine, theirs });
      expect(result.conflicts).toEqual([
        { path: ['line_items'], base: base.line_items, mine: mine.line_items, theirs: theirs.line_items },
      ]);
      expect(result.merged.line_items).toEqual(theirs.line_items);
    });
  });

  it('does not modify its inputs', () => {
    const mine = edit((d) => {
      d.vendor.name = 'Mine';
    });
    const theirs = edit((d) => {
      d.total = 1;
    });
    const snapshot = structuredClone({ base, mine, theirs });
    mergeDrafts({ base, mine, theirs });
    expect({ base, mine, theirs }).toEqual(snapshot);
  });
});

describe('resolveConflict', () => {
  const mine = edit((d) => {
    d.vendor.name = 'Mine';
    delete (d as Record<string, unknown>).total;
  });
  const theirs = edit((d) => {
    d.vendor.name = 'Theirs';
    d.total = 120;
  });
  const { merged, conflicts } = mergeDrafts({ base, mine, theirs });

  it('sets the chosen value at the conflicted path', () => {
    const [nameConflict] = conflicts;
    expect(nameConflict?.path).toEqual(['vendor', 'name']);
    const resolved = resolveConflict(merged, ['vendor', 'name'], 'Mine');
    expect(resolved.vendor).toEqual({ name: 'Mine', vat_id: 'NO123' });
    expect(merged.vendor).toEqual({ name: 'Theirs', vat_id: 'NO123' });
  });

  it('removes the field when the chosen side removed it', () => {
    const resolved = resolveConflict(merged, ['total'], undefined);
    expect(resolved).not.toHaveProperty('total');
  });

  it('applies every choice in turn', () => {
    const resolved = conflicts.reduce((acc, c) => resolveConflict(acc, c.path, c.mine), merged);
    expect(resolved).toEqual(mine);
  });
});
