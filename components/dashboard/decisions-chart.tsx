'use client';

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DecisionStats } from '@/lib/insight/schemas';

const SERIES = [
  { key: 'approved', name: 'Approved', color: '#16a34a' },
  { key: 'approved_with_edits', name: 'Approved with edits', color: '#2563eb' },
  { key: 'rejected', name: 'Rejected', color: '#dc2626' },
] as const;

/** Decisions per bucket, stacked; the same numbers are in the table under it, for screen readers too. */
export function DecisionsChart({ series }: { series: DecisionStats['series'] }) {
  return (
    <div aria-hidden="true" className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={series} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="currentColor" strokeOpacity={0.15} />
          <XAxis dataKey="bucket_start" tick={{ fontSize: 11 }} tickFormatter={(day: string) => day.slice(5)} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {SERIES.map((bar) => (
            <Bar key={bar.key} dataKey={bar.key} name={bar.name} stackId="decisions" fill={bar.color} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
