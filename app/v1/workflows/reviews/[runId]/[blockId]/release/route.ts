import { overlayCommandRoute } from '@/lib/http/command-route';
import { ZReleaseBody } from '@/lib/reviews/schemas';
import { release } from '@/lib/reviews/service';

export const POST = overlayCommandRoute('release', ZReleaseBody, release);
