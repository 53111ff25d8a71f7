/**
 * Answers as long as the process serves HTTP, without touching the database, so that a database
 * outage (which the API answers with 503) never gets healthy app instances restarted. Doing no
 * I/O also makes it the framework's floor in `npm run bench`.
 */
export async function getHealth(): Promise<{ status: 'ok' }> {
  return { status: 'ok' };
}
