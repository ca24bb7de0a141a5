import path from 'node:path';
import { root, webDir } from './paths';

export const turboBin = path.join(root, 'node_modules/.bin/turbo');
/** The web app's build output: a server that needs nothing outside its folder (see apps/web/next.config.ts). */
export const standaloneServer = path.join(webDir, '.next/standalone/apps/web/server.js');
