// `next build` leaves the browser assets (and public/) out of .next/standalone, whose server expects them beside
// it; copying them in makes that folder everything a node needs (the Docker image copies it whole).
import { cpSync, existsSync } from 'node:fs';
import path from 'node:path';

const web = path.resolve(import.meta.dirname, '..');
const served = path.join(web, '.next/standalone/apps/web');
cpSync(path.join(web, '.next/static'), path.join(served, '.next/static'), { recursive: true });
if (existsSync(path.join(web, 'public')))
  cpSync(path.join(web, 'public'), path.join(served, 'public'), { recursive: true });
