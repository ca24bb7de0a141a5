// `npm test`: install when needed, then run every suite through the TypeScript runner (needs tsx, hence the order).
import { ensureInstalled } from './ensure-install.mjs';

ensureInstalled();
const { register } = await import('tsx/esm/api');
register();
await import('./lib/test.ts');
