import {
  buildRequest,
  buildSystemPrompt,
  costMicros,
  countMessageTokens,
  tokenCountFormat,
  type Catalog,
  type ChatMessage,
  type ChatProvider,
  type HistoryMessage,
  type ModelEntry,
  systemPromptInputSchema,
  type TutorModeId,
} from '@lumi/chat-core';

/** A turn of the conversation. `stopped`: the reply was cut short (Ctrl-C or an error) and holds partial text. */
export interface Turn extends HistoryMessage {
  role: 'user' | 'assistant';
  stopped?: boolean;
}

/** What the next request sends, as chat-core's budgeting built it for the current model and reply cap. */
export interface RequestPlan {
  messages: ChatMessage[];
  promptTokens: number;
  omittedTurns: number;
  /** False when even the system prompt and the newest question do not fit; `problem` says why. */
  fits: boolean;
  problem?: string;
  /** Cost if the reply uses the whole cap, in micro-dollars. */
  worstCaseMicros: number;
}

export interface PromptSettings {
  mode: TutorModeId;
  persona?: string;
}

export interface SessionSettings extends PromptSettings {
  model: ModelEntry;
  maxTokens: number;
}

/** Why chat-core would refuse these prompt settings (e.g. CUSTOM mode without a persona), or undefined if fine. */
export function promptSettingsProblem(settings: PromptSettings): string | undefined {
  const parsed = systemPromptInputSchema.safeParse(settings);
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0]!;
  return `${issue.path.join('.') || 'settings'}: ${issue.message}`;
}

const DEFAULT_REPLY_CAP = 1024;

export function defaultMaxTokens(model: ModelEntry): number {
  return Math.min(DEFAULT_REPLY_CAP, model.maxOutput);
}

/**
 * The conversation state of one terminal session. The whole history stays in memory; each request is rebuilt
 * from it by chat-core, so switching model or reply cap changes what fits without losing anything.
 */
export class TutorSession {
  readonly history: Turn[] = [];
  model: ModelEntry;
  maxTokens: number;
  private prompt: PromptSettings;
  private nextId = 1;

  constructor(
    readonly provider: ChatProvider,
    readonly catalog: Catalog,
    settings: SessionSettings,
  ) {
    this.model = settings.model;
    this.maxTokens = settings.maxTokens;
    this.prompt = { mode: settings.mode, persona: settings.persona };
  }

  get mode(): TutorModeId {
    return this.prompt.mode;
  }

  get persona(): string | undefined {
    return this.prompt.persona;
  }

  /** Changes mode and/or persona; returns the problem instead when chat-core would refuse the result. */
  updatePrompt(change: Partial<PromptSettings>): string | undefined {
    const next = { ...this.prompt, ...change };
    const problem = promptSettingsProblem(next);
    if (!problem) this.prompt = next;
    return problem;
  }

  /** Switches model; a reply cap above the new model's output limit is lowered to it. Returns whether it was. */
  setModel(id: string): boolean {
    this.model = this.catalog.require(id);
    if (this.maxTokens <= this.model.maxOutput) return false;
    this.maxTokens = this.model.maxOutput;
    return true;
  }

  systemPrompt(): string {
    return buildSystemPrompt(this.prompt);
  }

  addTurn(role: Turn['role'], content: string, stopped = false): Turn {
    const turn: Turn = {
      id: String(this.nextId++),
      role,
      content,
      tokenCount: countMessageTokens({ role, content }, this.model),
      tokenCountFormat: tokenCountFormat(this.model),
      ...(stopped ? { stopped } : {}),
    };
    this.history.push(turn);
    return turn;
  }

  removeTurn(turn: Turn): void {
    const index = this.history.indexOf(turn);
    if (index >= 0) this.history.splice(index, 1);
  }

  reset(): void {
    this.history.length = 0;
  }

  planRequest(): RequestPlan {
    const built = buildRequest({
      model: this.model.id,
      catalog: this.catalog,
      systemPrompt: this.systemPrompt(),
      history: this.history,
      maxTokens: this.maxTokens,
    });
    const worstCaseMicros = costMicros(
      { promptTokens: built.promptTokens, completionTokens: this.maxTokens, cachedTokens: 0 },
      this.model,
    );
    return {
      messages: built.messages,
      promptTokens: built.promptTokens,
      omittedTurns: built.omitted.ids.length,
      fits: built.fits,
      problem: built.reason,
      worstCaseMicros,
    };
  }
}
