import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '../..');
/** Gitignored per-machine state: embedded database, generated secret. */
export const lumiDir = path.join(root, '.lumi');
export const webDir = path.join(root, 'apps/web');
