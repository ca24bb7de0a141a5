import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { TUTOR_MODE_IDS, TUTOR_MODES, UnknownModelError, type TutorModeId } from '@lumi/chat-core';
import { formatPrice, formatTokens, formatUsd, plural } from './format';
import type { TutorSession } from './session';
import { defaultTranscriptName, renderTranscript } from './transcript';

/** Where commands print: `say` for answers to the command, `note` for secondary (dim) detail. */
export interface CommandOutput {
  say(text: string): void;
  note(text: string): void;
}

type CommandResult = 'quit' | void;

interface Command {
  usage: string;
  summary: string;
  run(session: TutorSession, arg: string, out: CommandOutput): CommandResult | Promise<CommandResult>;
}

function listModels(session: TutorSession, out: CommandOutput): void {
  out.say('Models (window, reply limit, USD per 1M tokens in / out):');
  for (const model of session.catalog.list()) {
    const marker = model.id === session.model.id ? '*' : ' ';
    const price = `${formatPrice(model.prices.input)} / ${formatPrice(model.prices.output)}`;
    out.say(
      `${marker} ${model.id.padEnd(20)} ${formatTokens(model.contextWindow).padStart(9)}  ${formatTokens(model.maxOutput).padStart(7)}  ${price.padEnd(15)} ${model.label}`,
    );
  }
  out.note('Switch with /model <id>. Add models with a LUMI_MODEL_CATALOG file.');
}

const commands: Record<string, Command> = {
  model: {
    usage: '/model [id]',
    summary: 'list models with window and price, or switch model',
    run(session, arg, out) {
      if (!arg) return listModels(session, out);
      try {
        const lowered = session.setModel(arg);
        out.say(`Model: ${session.model.id} (${formatTokens(session.model.contextWindow)}-token window).`);
        if (lowered) out.say(`Reply cap lowered to this model's limit: ${formatTokens(session.maxTokens)} tokens.`);
      } catch (error) {
        if (!(error instanceof UnknownModelError)) throw error;
        out.say(error.message);
      }
    },
  },
  system: {
    usage: '/system [persona]',
    summary: 'set the tutor persona (system role); alone, show the system prompt',
    run(session, arg, out) {
      if (!arg) {
        out.say(`Persona: ${session.persona ?? '(none)'}`);
        return out.note(session.systemPrompt());
      }
      const problem = session.updatePrompt({ persona: arg });
      out.say(problem ? `Persona not changed: ${problem}` : 'Persona set.');
    },
  },
  mode: {
    usage: '/mode [MODE]',
    summary: 'tutor mode; alone, list the modes',
    run(session, arg, out) {
      if (!arg) {
        for (const mode of TUTOR_MODES)
          out.say(`${mode.id === session.mode ? '*' : ' '} ${mode.id.padEnd(18)} ${mode.description.en}`);
        return;
      }
      const id = arg.toUpperCase();
      if (!isTutorModeId(id)) return out.say(`Unknown mode "${arg}". Modes: ${TUTOR_MODE_IDS.join(', ')}.`);
      const problem = session.updatePrompt({ mode: id });
      out.say(problem ? `Mode not changed: ${problem} (set one with /system first).` : `Mode: ${id}.`);
    },
  },
  max: {
    usage: '/max <n>',
    summary: 'reply cap in tokens (max_tokens)',
    run(session, arg, out) {
      if (!arg) return out.say(`Reply cap: ${formatTokens(session.maxTokens)} tokens.`);
      const n = Number(arg);
      const limit = session.model.maxOutput;
      if (!Number.isInteger(n) || n <= 0 || n > limit)
        return out.say(`Give a whole number from 1 to ${formatTokens(limit)} (${session.model.id}'s reply limit).`);
      session.maxTokens = n;
      out.say(`Reply cap: ${formatTokens(n)} tokens.`);
    },
  },
  tokens: {
    usage: '/tokens',
    summary: 'what the next request will send, and its worst-case cost',
    run(session, _arg, out) {
      const plan = session.planRequest();
      out.say(`Next request to ${session.model.id}, before your next message:`);
      out.say(
        `  ${plural(plan.messages.length, 'message')}, ${formatTokens(plan.promptTokens)} prompt tokens, reply cap ${formatTokens(session.maxTokens)} tokens`,
      );
      out.say(`  older turns left out: ${plan.omittedTurns}`);
      out.say(`  worst-case cost: ${formatUsd(plan.worstCaseMicros)}`);
    },
  },
  reset: {
    usage: '/reset',
    summary: 'forget the conversation',
    run(session, _arg, out) {
      session.reset();
      out.say('Conversation cleared.');
    },
  },
  save: {
    usage: '/save [file]',
    summary: 'save the conversation as a Markdown transcript',
    async run(session, arg, out) {
      const file = path.resolve(arg || defaultTranscriptName());
      try {
        await writeFile(file, renderTranscript(session));
        out.say(`Saved ${plural(session.history.length, 'turn')} to ${file}`);
      } catch (error) {
        out.say(`Could not save: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
  },
  help: {
    usage: '/help',
    summary: 'this list',
    run(_session, _arg, out) {
      for (const command of Object.values(commands)) out.say(`  ${command.usage.padEnd(20)} ${command.summary}`);
      out.note('Ctrl-C stops a reply; Ctrl-C at an empty prompt or Ctrl-D quits.');
    },
  },
  quit: {
    usage: '/quit',
    summary: 'leave',
    run: () => 'quit',
  },
};

export function isTutorModeId(value: string): value is TutorModeId {
  return (TUTOR_MODE_IDS as readonly string[]).includes(value);
}

export function isCommand(line: string): boolean {
  return line.startsWith('/');
}

/** Runs one slash command line; 'quit' asks the session to end. */
export async function runCommand(session: TutorSession, line: string, out: CommandOutput): Promise<CommandResult> {
  const [, name = '', arg = ''] = /^\/(\S*)\s*([\s\S]*)$/.exec(line.trim()) ?? [];
  const command = commands[name.toLowerCase()];
  if (!command) {
    out.say(`Unknown command "/${name}". Type /help for the list.`);
    return;
  }
  return command.run(session, arg.trim(), out);
}
