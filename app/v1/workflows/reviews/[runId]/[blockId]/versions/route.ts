import { overlayCommandRoute } from '@/lib/reviews/command-route';
import { ZAppendVersionBody } from '@/lib/reviews/schemas';
import { appendVersion } from '@/lib/reviews/service';

export const POST = overlayCommandRoute('append_version', ZAppendVersionBody, appendVersion);
