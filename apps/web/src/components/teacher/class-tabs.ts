import type { MessageKey } from '../../i18n/en';

/** The class page's sections, in the order of its tabs; the tab is in the address (`?tab=`). */
export const CLASS_TABS = [
  'roster',
  'usage',
  'conversations',
  'search',
  'flags',
  'insight',
  'practice',
  'settings',
  'exports',
] as const;
export type ClassTab = (typeof CLASS_TABS)[number];

export const isClassTab = (value: string): value is ClassTab => (CLASS_TABS as readonly string[]).includes(value);

export const CLASS_TAB_LABELS: Record<ClassTab, MessageKey> = {
  roster: 'dash.tab.roster',
  usage: 'dash.tab.usage',
  conversations: 'dash.tab.conversations',
  search: 'dash.tab.search',
  flags: 'dash.tab.flags',
  insight: 'dash.tab.insight',
  practice: 'tpractice.tab',
  settings: 'dash.tab.settings',
  exports: 'dash.tab.exports',
};
