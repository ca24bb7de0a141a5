// Preloaded into the web server: exit when the Lumi launcher that spawned it is gone (even after
// SIGKILL), so a killed `npm start` never leaves a server holding the port.
import { setInterval } from 'node:timers';

const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.exit(0);
}, 1000).unref();
