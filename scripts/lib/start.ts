import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { isPortFree } from '@lumi/db/embedded';
import { authSecret } from './auth-secret';
import { run, step, stopChildren } from './children';
import { prepareDatabase } from './database';
import { Problem, exitWith, say } from './problem';
import { standaloneServer, turboBin } from './tools';

const { values: flags } = parseArgs({ options: { 'prepare-only': { type: 'boolean' } } });

let stopDatabase: () => Promise<void> = async () => {};

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    say('Stopping...');
    void stopChildren()
      .then(stopDatabase)
      .finally(() => process.exit(0));
  });
}

try {
  await main();
} catch (error) {
  await stopChildren();
  await stopDatabase();
  exitWith(error);
}

async function main(): Promise<void> {
  const port = webPort(process.env.PORT);
  // Checked first so a busy port fails in a second, not after migrations and seeding.
  if (!flags['prepare-only'] && !(await isPortFree(port))) {
    throw new Problem(`Port ${port} is already in use by another program; stop it or set PORT to a free port.`);
  }
  const database = await prepareDatabase();
  stopDatabase = database.stop;
  const env = {
    ...process.env,
    DATABASE_URL: database.url,
    AUTH_SECRET: authSecret(),
    AUTH_TRUST_HOST: process.env.AUTH_TRUST_HOST ?? 'true',
    PORT: String(port),
  };

  say('Generating the Prisma client...');
  await step('Generating the Prisma client', turboBin, ['run', 'generate', '--output-logs=errors-only'], { env });
  say('Applying migrations...');
  await step('Applying migrations', 'npm', ['run', '--silent', 'migrate:deploy', '-w', '@lumi/db'], { env });
  // A real school's server should not get demo accounts with a published password.
  if (process.env.LUMI_SKIP_SEED !== '1') {
    await step('Seeding the demo school', 'npm', ['run', '--silent', 'seed', '-w', '@lumi/db'], { env });
  }
  if (flags['prepare-only']) {
    await stopDatabase();
    return;
  }

  say('Building the web app...');
  await step('Building the web app', turboBin, ['run', 'build', '--filter=@lumi/web', '--output-logs=errors-only'], {
    env,
  });

  say(`Starting Lumi on http://localhost:${port} (Ctrl-C stops it)...`);
  // Next's standalone server, as the Docker image runs it; it reads PORT (set above) and HOSTNAME.
  const served = run(
    process.execPath,
    ['--import', pathToFileURL(path.join(import.meta.dirname, 'exit-with-parent.mjs')).href, standaloneServer],
    // Every interface, as `next start` listened (a container's HOSTNAME is its id, so it is set here).
    { cwd: path.dirname(standaloneServer), env: { ...env, HOSTNAME: '0.0.0.0' } },
  );
  const code = await served;
  await stopDatabase();
  if (code !== 0) throw new Problem(`The web server stopped with exit code ${code}; see its output above.`);
}

function webPort(value: string | undefined): number {
  if (value === undefined || value === '') return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Problem('PORT must be a port number between 1 and 65535; correct it or unset it.');
  }
  return port;
}
