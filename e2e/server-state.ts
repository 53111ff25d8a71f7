/**
 * What start-server.ts tells the tests that look behind the API: the database the server uses
 * (to checksum it, or to set up organizations of their own) and the file its output is logged to.
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface ServerState {
  databaseUrl: string;
  logFile: string;
}

export function serverStateFile(port: string): string {
  return path.join(tmpdir(), `review-inbox-e2e-${port}.json`);
}

export function serverState(): ServerState {
  return JSON.parse(readFileSync(serverStateFile(process.env.E2E_PORT ?? '3100'), 'utf8')) as ServerState;
}
