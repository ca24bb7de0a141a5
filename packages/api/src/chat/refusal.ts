import type { UiLanguage } from '@lumi/db';

const REFUSALS: Record<UiLanguage, string> = {
  EN:
    "I can't help with that one. If something is worrying you or you feel unsafe, please talk to a teacher, " +
    'a parent or another adult you trust. They want to help. I am happy to keep going with your learning ' +
    'whenever you are ready.',
  ZH:
    '这个问题我没法帮忙。如果有什么事让你担心或感到不安全，请告诉老师、家长或你信任的大人，他们会愿意帮助你。' +
    '你准备好了，我们随时可以继续学习。',
};

export function refusalText(language: UiLanguage): string {
  return REFUSALS[language];
}
