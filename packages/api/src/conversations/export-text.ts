import type { z } from 'zod';
import type { tutorModeSchema } from './conversation.types';

type Mode = z.infer<typeof tutorModeSchema>;

/**
 * The mode names students see, in both languages. The web app's dictionaries take theirs from here, so a session's
 * Markdown export (built on the server) names its mode exactly as the screen does.
 */
export const MODE_NAMES: Record<'en' | 'zh', Record<Mode, string>> = {
  en: {
    GENERAL: 'General',
    MATHS: 'Maths',
    SCIENCE: 'Science',
    PROGRAMMING: 'Programming',
    WRITING: 'Writing',
    TRANSLATION: 'Translation',
    LANGUAGE_PRACTICE: 'Language practice',
    CUSTOM: 'Custom tutor',
  },
  zh: {
    GENERAL: '通用',
    MATHS: '数学',
    SCIENCE: '科学',
    PROGRAMMING: '编程',
    WRITING: '写作',
    TRANSLATION: '翻译',
    LANGUAGE_PRACTICE: '语言练习',
    CUSTOM: '自定义导师',
  },
};

/** The Markdown export's own words. */
export const EXPORT_TEXT = {
  en: { mode: 'Mode', model: 'Model', you: 'You', tutor: 'Tutor', stopped: 'stopped', incomplete: 'incomplete' },
  zh: { mode: '模式', model: '模型', you: '你', tutor: '导师', stopped: '已停止', incomplete: '未完成' },
} as const;
