import { overlayCommandRoute } from '@/lib/reviews/command-route';
import { ZReleaseBody } from '@/lib/reviews/schemas';
import { release } from '@/lib/reviews/service';

export const POST = overlayCommandRoute('release', ZReleaseBody, release);
