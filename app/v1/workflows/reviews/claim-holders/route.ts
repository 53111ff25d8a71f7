import { handle } from '@/lib/http/api-route';
import { listClaimHoldersRoute } from '@/lib/reviews/routes';
import { listClaimHolders } from '@/lib/reviews/service';

export const GET = handle(listClaimHoldersRoute, listClaimHolders);
