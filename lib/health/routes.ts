/** Liveness of one app process. */
import { defineRoute } from '../http/define-route';

export const getHealthRoute = defineRoute({
  name: 'getHealth',
  method: 'GET',
  path: '/v1/health',
  tag: 'Meta',
  action: 'public',
  summary: 'Liveness',
  description:
    'Answers `200 {"status": "ok"}` while the process serves HTTP. It does not touch the database (a database outage is the API’s `503`, not a reason to restart the app), so it suits a liveness probe. Public: no credential needed.',
  success: [{ status: 200, description: 'The process is serving.' }],
  errors: [],
});
