import { overlayCommandRoute } from '@/lib/http/command-route';
import { ZReopenBody } from '@/lib/reviews/schemas';
import { reopen } from '@/lib/reviews/service';

export const POST = overlayCommandRoute('reopen', ZReopenBody, reopen);
