import { createServices, listenForStops, type LumiServices } from '@lumi/api';

// One set of services per process; kept on globalThis so dev hot reloads do not open new database pools.
const holder = globalThis as typeof globalThis & { lumiServices?: LumiServices };

export function getServices(): LumiServices {
  if (!holder.lumiServices) {
    const services = createServices(process.env);
    // A Stop asked through another node halts the generation running on this one at once.
    listenForStops(services);
    holder.lumiServices = services;
  }
  return holder.lumiServices;
}
