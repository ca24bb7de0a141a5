import { z } from 'zod';

// Runs in the browser before any of Lumi's code. Zod compiles fast object parsers with `new Function` when it may, and
// probes for that as each object schema is made; under Lumi's Content-Security-Policy (no eval) the probe alone is
// reported as a violation. Here Zod parses without eval from the start.
z.config({ jitless: true });
