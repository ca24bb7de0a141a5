import path from 'node:path';
import {
  createServices,
  isDraining,
  listenForStops,
  readinessCheck,
  scheduleRetention,
  sweepOrphansEvery,
  type LumiServices,
  type Readiness,
} from '@lumi/api';

// One set of services per process; kept on globalThis so dev hot reloads do not open new database pools.
const holder = globalThis as typeof globalThis & {
  lumiServices?: LumiServices;
  lumiReadiness?: () => Promise<Readiness>;
};

export function getServices(): LumiServices {
  if (!holder.lumiServices) {
    const services = createServices(process.env);
    // A Stop asked through another node halts the generation running on this one at once.
    listenForStops(services);
    // A reply whose node died is closed by a live node even if its student never comes back to it.
    sweepOrphansEvery(services);
    // The daily removal of old message text, when an admin has set a retention period.
    scheduleRetention(services);
    holder.lumiServices = services;
  }
  return holder.lumiServices;
}

/** This process's services if a request has made them; never makes them (the shutdown hook only looks). */
export function runningServices(): LumiServices | undefined {
  return holder.lumiServices;
}

/**
 * The migrations folder this build ships: the server runs in apps/web, both from the repository and from the
 * standalone build (which copies prisma/migrations beside it, see next.config.ts).
 */
const MIGRATIONS_DIR = path.resolve(process.cwd(), '../../prisma/migrations');

export function getReadiness(): () => Promise<Readiness> {
  holder.lumiReadiness ??= readinessCheck(getServices().db, {
    migrationsDir: MIGRATIONS_DIR,
    draining: isDraining,
  });
  return holder.lumiReadiness;
}
