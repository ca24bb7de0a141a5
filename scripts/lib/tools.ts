import { createRequire } from 'node:module';
import path from 'node:path';
import { root, webDir } from './paths';

export const turboBin = path.join(root, 'node_modules/.bin/turbo');
export const nextBin = createRequire(path.join(webDir, 'package.json')).resolve('next/dist/bin/next');
