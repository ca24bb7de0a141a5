import type { TutorSession } from './session';

/** Default file name for /save, e.g. lumi-chat-2025-11-25-2238.md, in the current directory. */
export function defaultTranscriptName(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `lumi-chat-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}.md`;
}

/** The whole conversation (not only what fitted in the last request) as Markdown. */
export function renderTranscript(session: TutorSession, now = new Date()): string {
  const lines = [
    '# Lumi tutor transcript',
    '',
    `- Saved: ${now.toISOString()}`,
    `- Model: ${session.model.id}`,
    `- Mode: ${session.mode}`,
    ...(session.persona ? [`- Persona: ${session.persona}`] : []),
  ];
  for (const turn of session.history) {
    lines.push('', `## ${turn.role === 'user' ? 'You' : 'Lumi'}`, '', turn.content);
    if (turn.stopped) lines.push('', '*(reply stopped)*');
  }
  return `${lines.join('\n')}\n`;
}
