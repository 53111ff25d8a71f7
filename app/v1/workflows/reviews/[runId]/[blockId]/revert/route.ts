import { overlayCommandRoute } from '@/lib/reviews/command-route';
import { ZRevertBody } from '@/lib/reviews/schemas';
import { revert } from '@/lib/reviews/service';

export const POST = overlayCommandRoute('revert', ZRevertBody, revert);
