import { apiRoute } from '@/lib/http/api-route';
import { ZOverlayParams } from '@/lib/reviews/schemas';
import { getOverlay } from '@/lib/reviews/service';

export const GET = apiRoute({ action: 'read', params: ZOverlayParams }, async ({ caller, params }) => {
  const overlay = await getOverlay(caller, params);
  return { body: overlay, headers: { etag: `"${overlay.rev}"` } };
});
