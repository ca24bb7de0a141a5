import { createServices, type LumiServices } from '@lumi/api';

// One set of services per process; kept on globalThis so dev hot reloads do not open new database pools.
const holder = globalThis as typeof globalThis & { lumiServices?: LumiServices };

export function getServices(): LumiServices {
  return (holder.lumiServices ??= createServices(process.env));
}
