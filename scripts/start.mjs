// `npm start`: install when needed, then hand over to the TypeScript launcher (needs tsx, hence the order).
import { ensureInstalled } from './ensure-install.mjs';

ensureInstalled();
const { register } = await import('tsx/esm/api');
register();
await import('./lib/start.ts');
