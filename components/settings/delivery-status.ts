import type { Delivery } from '@/lib/webhooks/schemas';
import type { BadgeTone } from '../ui/badge';

/** How a delivery stands, in a word: a pending one that already failed once is "Retrying", which is what needs an eye. */
export function deliveryStatusOf(delivery: Pick<Delivery, 'status' | 'attempts'>): { label: string; tone: BadgeTone } {
  if (delivery.status === 'delivered') return { label: 'Delivered', tone: 'success' };
  if (delivery.status === 'failed') return { label: 'Failed', tone: 'danger' };
  return delivery.attempts > 0 ? { label: 'Retrying', tone: 'warning' } : { label: 'Pending', tone: 'neutral' };
}
