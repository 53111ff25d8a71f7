import type { Caller } from '../reviews/rules';
import type { Me } from './schemas';

/** Who is signed in, as the browser sees it (`GET /v1/auth/me`): nothing beyond the public actor. */
export function meOf(caller: Caller): Me {
  return {
    actor: { kind: caller.kind, id: caller.id, display_name: caller.display_name },
    role: caller.role,
    organization_id: caller.organizationId,
  };
}
