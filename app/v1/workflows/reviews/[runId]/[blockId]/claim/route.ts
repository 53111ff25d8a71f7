import { overlayCommandRoute } from '@/lib/reviews/command-route';
import { ZClaimBody } from '@/lib/reviews/schemas';
import { claim } from '@/lib/reviews/service';

export const POST = overlayCommandRoute('claim', ZClaimBody, claim);
