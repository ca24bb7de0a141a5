import { parseArgs } from 'node:util';

export interface CliOptions {
  model?: string;
  maxTokens?: number;
  system?: string;
  mode?: string;
  /** Run the session even when stdin is not a terminal (scripts that drive the commands). */
  interactive: boolean;
  help: boolean;
  /** The one-shot question, when given as arguments. */
  question?: string;
}

export const USAGE = `Lumi terminal tutor

Usage:
  npm run chat                         interactive session
  npm run chat -- "question"           one answer on stdout, then exit
  echo "question" | npm run chat       same, with the question on stdin

Options:
  -m, --model <id>          model from the catalog (see /model in a session)
  -t, --max-tokens <n>      reply cap (max_tokens)
  -s, --system <persona>    persona for the system prompt
      --mode <MODE>         tutor mode
  -i, --interactive         run the session even when stdin is piped
  -h, --help                show this help

Environment:
  OPENAI_API_KEY            use OpenAI (without it and OPENAI_BASE_URL: the offline demo tutor)
  OPENAI_BASE_URL           any OpenAI-compatible server, e.g. http://localhost:11434/v1
  OPENAI_PROXY, HTTPS_PROXY proxy for the model requests
  LUMI_MODEL_CATALOG        JSON file that adds or overrides models (window, prices)
`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${flag} needs a positive whole number, got "${value}".`);
  return n;
}

export function parseCliArgs(argv: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        model: { type: 'string', short: 'm' },
        'max-tokens': { type: 'string', short: 't' },
        system: { type: 'string', short: 's' },
        mode: { type: 'string' },
        interactive: { type: 'boolean', short: 'i', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const question = positionals.join(' ').trim();
  return {
    model: values.model,
    maxTokens: positiveInt(values['max-tokens'], '--max-tokens'),
    system: values.system,
    mode: values.mode,
    interactive: values.interactive ?? false,
    help: values.help ?? false,
    question: question || undefined,
  };
}
