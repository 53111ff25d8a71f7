import { overlayCommandRoute } from '@/lib/reviews/command-route';
import { ZReopenBody } from '@/lib/reviews/schemas';
import { reopen } from '@/lib/reviews/service';

export const POST = overlayCommandRoute('reopen', ZReopenBody, reopen);
