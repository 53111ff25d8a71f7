/**
 * A clean install is quiet: every dependency with an install script is either approved or
 * denied in package.json's allowScripts, so npm has nothing to warn about.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

describe('install scripts', () => {
  it('leaves no dependency with an install script unreviewed', async () => {
    const { stdout } = await promisify(execFile)('npm', ['approve-scripts', '--allow-scripts-pending'], { cwd: ROOT });
    expect(stdout.trim()).toBe('No packages with unreviewed install scripts.');
  });

  it('never lets @prisma/engines download engines at install time', async () => {
    const manifest = JSON.parse(await readFile(`${ROOT}/package.json`, 'utf8')) as {
      allowScripts: Record<string, boolean>;
    };
    expect(manifest.allowScripts['@prisma/engines']).toBe(false);
  });
});
