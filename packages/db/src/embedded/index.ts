export { startEmbeddedPostgres } from './launcher';
export type { EmbeddedPostgresOptions, RunningEmbeddedPostgres } from './launcher';
export { EmbeddedPostgresError } from './errors';
export { isPortFree } from './port';
