import { type ActorIdentity, isSameActor } from '@/lib/domain/actors';
import { isClaimActive } from '@/lib/domain/claims';
import { formatClock, formatTimeLeft } from '@/lib/format/time';
import type { ReviewClaim } from '@/lib/reviews/schemas';
import { Badge } from '../ui/badge';

/**
 * Who is on a review: "yours · 8 min left", "Dana Rivera is reviewing · 12 min left", or nothing.
 * A claim past its expiry is nobody's, even before the next refetch says so.
 */
export function ClaimBadge({ claim, me, now }: { claim: ReviewClaim | null; me: ActorIdentity | null; now: number }) {
  if (!claim || !isClaimActive(claim.expires_at, now)) return null;
  const left = formatTimeLeft(claim.expires_at, now);
  const title = `Claimed until ${formatClock(claim.expires_at, now)}`;
  if (isSameActor(claim.holder, me)) {
    return (
      <Badge tone="mine" title={title} srLabel={`claimed by you, ${left}`}>
        yours<span className="hidden md:inline"> · {left}</span>
      </Badge>
    );
  }
  return (
    <Badge tone="accent" title={title}>
      <span className="truncate">{claim.holder.display_name} is reviewing</span>
      {/* On a phone the column only has room for who; the tooltip keeps the time. */}
      <span className="hidden shrink-0 font-normal opacity-80 md:inline">· {left}</span>
    </Badge>
  );
}
