import { apiRoute } from '@/lib/http/api-route';

export const GET = apiRoute({ action: 'read' }, async ({ caller }) => ({
  body: {
    actor: { kind: caller.kind, id: caller.id, display_name: caller.display_name },
    role: caller.role,
    organization_id: caller.organizationId,
  },
}));
