import { type SpawnOptions, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout, resolved from this file so that a launcher started elsewhere finds it. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function projectBin(name: string): string {
  return path.join(PROJECT_ROOT, 'node_modules', '.bin', name);
}

/** Runs a command in the checkout with the terminal attached; resolves with its exit code. */
export function runCommand(command: string, args: string[], options: SpawnOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', cwd: PROJECT_ROOT, ...options });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
