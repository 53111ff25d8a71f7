import { handle } from '@/lib/http/api-route';
import { getOrganizationSettingsRoute, updateOrganizationSettingsRoute } from '@/lib/insight/routes';
import { getOrganizationSettings, updateOrganizationSettings } from '@/lib/insight/service';

export const GET = handle(getOrganizationSettingsRoute, getOrganizationSettings);
export const PATCH = handle(updateOrganizationSettingsRoute, updateOrganizationSettings);
