import { execFileSync } from 'node:child_process';

/**
 * Every port the browser suite listens on, as a slot above one base. The base sits below 32768, where Linux's
 * ephemeral range begins, so no outgoing connection on this machine can hold one of them (a random port in that
 * range once collided with one and the suite's web server failed to start).
 */
const SLOTS = ['app', 'fakeOpenai', 'fakeGithub', 'nodeA', 'nodeB', 'startup', 'drain', 'victim', 'balancer'] as const;
export type PortSlot = (typeof SLOTS)[number];

const LOWEST = 20_000;
const HIGHEST = 32_767;

/** The slot's port; playwright.config.ts sets E2E_PORT_BASE once, and workers inherit it. */
export function e2ePort(slot: PortSlot): number {
  const base = Number(process.env.E2E_PORT_BASE);
  if (!Number.isInteger(base)) throw new Error('E2E_PORT_BASE is not set: run the suite through playwright.config.ts');
  return base + SLOTS.indexOf(slot);
}

/**
 * A base whose every slot nothing listens on now, random so parallel checkouts rarely meet. Checked in a child
 * process because Playwright loads its config synchronously.
 */
export function choosePortBase(): number {
  const probe = `
    const net = require('node:net');
    const free = (port) => new Promise((resolve) => {
      const server = net.createServer().once('error', () => resolve(false));
      server.listen(port, '0.0.0.0', () => server.close(() => resolve(true)));
    });
    (async () => {
      for (let tries = 0; tries < 200; tries++) {
        const base = ${LOWEST} + Math.floor(Math.random() * (${HIGHEST} - ${LOWEST} - ${SLOTS.length}));
        let all = true;
        for (let slot = 0; slot < ${SLOTS.length} && all; slot++) all = await free(base + slot);
        if (all) return console.log(base);
      }
      process.exit(1);
    })();`;
  return Number(execFileSync(process.execPath, ['-e', probe], { encoding: 'utf8' }).trim());
}
