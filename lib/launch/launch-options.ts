/**
 * What `npm run dev` / `npm start` were asked for. Demo data comes with a published admin key
 * and published passwords, so it belongs to the embedded database the launcher owns; a database
 * the user brings gets it only when asked with `--demo`.
 */
export type LaunchMode = 'dev' | 'start';

export interface LaunchOptions {
  mode: LaunchMode;
  demo: boolean;
}

export const LAUNCH_USAGE = 'usage: tsx scripts/run-app.ts dev|start [--demo]';

/** The options, or a message saying what is wrong with the arguments. */
export function parseLaunchOptions(
  argv: readonly string[],
  { databaseConfigured }: { databaseConfigured: boolean },
): LaunchOptions | string {
  const [mode, ...flags] = argv;
  if (mode !== 'dev' && mode !== 'start') return `unknown mode ${mode ?? '(none)'}\n${LAUNCH_USAGE}`;
  const unknown = flags.filter((flag) => flag !== '--demo');
  if (unknown.length > 0) return `unknown argument(s): ${unknown.join(' ')}\n${LAUNCH_USAGE}`;
  return { mode, demo: !databaseConfigured || flags.includes('--demo') };
}

/**
 * Whether webhook endpoints may point at private addresses when WEBHOOK_ALLOW_PRIVATE_URLS is
 * unset: in development and in the demo, whose example receiver runs on this machine.
 */
export function privateWebhookUrlsByDefault({ mode, demo }: LaunchOptions): boolean {
  return mode === 'dev' || demo;
}
