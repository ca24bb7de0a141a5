import path from 'node:path';
import { parseArgs } from 'node:util';
import { createMigration } from './create';
import { DatabaseUrlError } from './database-url';
import { deployMigrations } from './deploy';
import { checkDrift } from './drift';
import { MigrationError } from './errors';
import { resolveMigration } from './resolve';
import { migrationStatus } from './status';

const USAGE =
  'usage: migrate create <name> [--draft] | deploy | check | status | resolve --applied|--rolled-back <name>';

class UsageError extends Error {}

/** Paths as the user typed them: npm runs scripts in the package folder but records where it was started. */
function shown(file: string): string {
  return path.relative(process.env.INIT_CWD ?? process.cwd(), file);
}

function list(names: string[]): string {
  return names.join(', ');
}

/** Runs one command; returns the exit code. Outcomes go to stdout, one line each. */
async function run(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { draft: { type: 'boolean' }, applied: { type: 'string' }, 'rolled-back': { type: 'string' } },
  });
  const [command, ...rest] = positionals;

  switch (command) {
    case 'create': {
      const name = rest.join(' ');
      if (!name)
        throw new UsageError('create needs a migration name, e.g. `npm run db:migrate:create -- add_quiz_table`.');
      const created = await createMigration({ name, draft: values.draft });
      console.log(
        created
          ? `Created ${shown(created.file)}`
          : 'No schema changes since the last migration; nothing created (--draft writes an empty one).',
      );
      return 0;
    }
    case 'deploy': {
      const { applied } = await deployMigrations();
      console.log(
        applied.length
          ? `Applied ${applied.length} migration(s): ${list(applied)}`
          : 'No pending migrations; the database is up to date.',
      );
      return 0;
    }
    case 'check': {
      const { drift, script } = await checkDrift();
      if (!drift) {
        console.log('No drift: schema.prisma matches prisma/migrations.');
        return 0;
      }
      console.log(
        'Drift: schema.prisma has changes that no migration creates; run `npm run db:migrate:create -- <name>`. Missing SQL:',
      );
      console.log(script.trimEnd());
      return 1;
    }
    case 'status': {
      const status = await migrationStatus();
      if (status.upToDate) {
        console.log(`Up to date: ${status.applied.length} migration(s) applied, none pending, no drift.`);
        return 0;
      }
      if (status.failed.length)
        console.log(`Failed: ${list(status.failed)} (fix it, then \`resolve --rolled-back|--applied <name>\`)`);
      if (status.pending.length) console.log(`Pending: ${list(status.pending)} (run \`npm run db:migrate:deploy\`)`);
      if (status.missingFromFolder.length)
        console.log(`Applied but missing from prisma/migrations: ${list(status.missingFromFolder)}`);
      if (status.edited.length) console.log(`Edited after being applied: ${list(status.edited)}`);
      if (status.drift)
        console.log('Drift: the database schema differs from what its migrations build (changed by hand?).');
      return 1;
    }
    case 'resolve': {
      const applied = values.applied;
      const rolledBack = values['rolled-back'];
      if (Boolean(applied) === Boolean(rolledBack))
        throw new UsageError('resolve needs exactly one of --applied <name> or --rolled-back <name>.');
      const migrationName = (applied ?? rolledBack)!;
      await resolveMigration({ migrationName, as: applied ? 'applied' : 'rolled-back' });
      console.log(`Marked ${migrationName} as ${applied ? 'applied' : 'rolled back'}.`);
      return 0;
    }
    default:
      throw new UsageError(command ? `Unknown command "${command}". ${USAGE}` : USAGE);
  }
}

/** One line per failure; stack traces only help with bugs, and LUMI_DEBUG=1 shows them. */
function describe(error: unknown, command: string | undefined): string {
  if (process.env.LUMI_DEBUG === '1') return error instanceof Error ? (error.stack ?? error.message) : String(error);
  if (error instanceof UsageError || error instanceof DatabaseUrlError) return error.message;
  const failed = `migrate ${command} failed`;
  if (error instanceof MigrationError)
    return `${failed}${error.code ? ` (${error.code})` : ''}: ${oneLine(error.message)}`;
  if (!(error instanceof Error)) return `${failed}: ${String(error)}`;
  // Node reports refused connections to several addresses as an AggregateError without a message.
  const message =
    error.message ||
    (error instanceof AggregateError ? String((error.errors[0] as Error | undefined)?.message ?? '') : '');
  return `${failed}: ${oneLine(message || error.name)}`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

const argv = process.argv.slice(2);
let exitCode: number;
try {
  exitCode = await run(argv);
} catch (error) {
  console.error(
    describe(
      error,
      argv.find((arg) => !arg.startsWith('-')),
    ),
  );
  exitCode = 1;
}
// The engine leaves a timer armed after its advisory lock; exit rather than wait for it.
process.exit(exitCode);
