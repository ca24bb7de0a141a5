// Runs the fake standalone for browser tests and benchmarks:
//   tsx packages/fake-openai/src/cli.ts --port 4010 [--instant] [--delay-ms N] [--host 127.0.0.1]
import { parseArgs } from 'node:util';
import { startFakeOpenAI } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4010' },
    host: { type: 'string', default: '127.0.0.1' },
    instant: { type: 'boolean', default: false },
    'delay-ms': { type: 'string', default: '30' },
  },
});

const delayMs = values.instant ? 0 : Number(values['delay-ms']);
if (!Number.isInteger(delayMs) || delayMs < 0)
  throw new Error(`--delay-ms must be a whole number of milliseconds, got ${values['delay-ms']}`);

const fake = await startFakeOpenAI({ port: Number(values.port), host: values.host, defaultBehaviour: { delayMs } });
console.log(
  `fake OpenAI listening at ${fake.url} (per-chunk delay ${delayMs} ms; control: POST ${fake.url.replace(/\/v1$/, '')}/__control/enqueue)`,
);

const shutdown = () => void fake.close().then(() => process.exit(0));
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
