import type { Delivery } from '@/lib/webhooks/schemas';
import type { BadgeTone } from '../ui/badge';

export const DELIVERY_STATUS: Record<Delivery['status'], { label: string; tone: BadgeTone }> = {
  pending: { label: 'Pending', tone: 'warning' },
  delivered: { label: 'Delivered', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
};
