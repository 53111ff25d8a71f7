/**
 * `npm run lint` holds commit subjects to 72 characters, so `git log --oneline` and every tool that
 * shows one line per commit stays readable. Commits from before the rule are left as they are.
 */
import { execFileSync } from 'node:child_process';

const MAX_SUBJECT_LENGTH = 72;
// 2026-11-29 22:20 UTC: when the rule was adopted.
const RULE_SINCE_EPOCH_SECONDS = 1_795_990_800;

function commits(): { hash: string; time: number; subject: string }[] {
  try {
    const log = execFileSync('git', ['log', '--format=%h%x09%ct%x09%s'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return log
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [hash = '', time = '0', ...subject] = line.split('\t');
        return { hash, time: Number(time), subject: subject.join('\t') };
      });
  } catch {
    // Not a git checkout (an exported tarball): there is no history to check.
    return [];
  }
}

const tooLong = commits().filter(
  ({ time, subject }) => time >= RULE_SINCE_EPOCH_SECONDS && subject.length > MAX_SUBJECT_LENGTH,
);
for (const { hash, subject } of tooLong) {
  console.error(`${hash}: the subject has ${subject.length} characters (at most ${MAX_SUBJECT_LENGTH}): ${subject}`);
}
process.exit(tooLong.length > 0 ? 1 : 0);
