// The fallback without an API key. Deliberately conservative: it matches only clear, explicit phrasings in English
// and Chinese, so ordinary school questions (the history of the atomic bomb, "kill the process") pass untouched.
import type { Moderator } from '../types';
import { decide } from './decide';

interface Rule {
  category: string;
  score: number;
  patterns: RegExp[];
}

const CHILD = String.raw`(child|children|kid|kids|minor|minors|underage|preteen|\d{1,2}[- ]?(year|yr)s?[- ]?old)`;
const SEXUAL = String.raw`(sex|sexual|sexually|nude|naked|porn\w*|explicit)`;
const WEAPON = String.raw`(bomb|pipe bomb|explosive|explosives|gun|firearm|molotov|weapon|grenade)`;

const rules: Rule[] = [
  {
    category: 'self-harm/intent',
    score: 0.95,
    patterns: [
      /\bi\s*('m|am)?\s*(want|wanna|going|gonna|plan(ning)?|intend|about)\s*(to\s*)?(kill|hurt|harm|cut)\s*myself\b/i,
      /\bi\s*(want|wanna)\s*to\s*die\b/i,
      /\b(end|take)\s*my\s*(own\s*)?life\b/i,
      /\bi('m| am)?\s*(going|gonna|plan(ning)?)\s*to\s*commit\s*suicide\b/i,
      /我(想|要|打算|准备)(去)?(自杀|死|结束(我的|自己的)?生命|割腕)/,
      /我?不想活了/,
    ],
  },
  {
    category: 'self-harm',
    score: 0.6,
    patterns: [/\b(self[- ]?harm|suicid\w*|kill(ing)?\s*myself)\b/i, /自残|自杀|割腕/],
  },
  {
    category: 'sexual/minors',
    score: 0.95,
    patterns: [
      new RegExp(String.raw`\b${SEXUAL}\b.{0,40}\b${CHILD}\b`, 'i'),
      new RegExp(String.raw`\b${CHILD}\b.{0,40}\b${SEXUAL}\b`, 'i'),
      /(儿童|未成年|小孩|幼女|幼童|小学生).{0,10}(色情|裸照|裸体|性交|性行为)/,
      /(色情|裸照|裸体|性交|性行为).{0,10}(儿童|未成年|小孩|幼女|幼童|小学生)/,
    ],
  },
  { category: 'sexual', score: 0.6, patterns: [/\b(porn\w*|have sex|sex video|nudes)\b/i, /色情|做爱|裸照/] },
  {
    category: 'harassment/threatening',
    score: 0.9,
    patterns: [
      /\bi\s*('m|am|will|'ll)?\s*(going to|gonna|will)?\s*(kill|shoot|stab|murder|beat up)\s+(you|him|her|them|my (teacher|classmate|brother|sister|mom|dad))\b/i,
      /\b(shoot|bomb|blow)\s*up\s*(the|my|our)?\s*(school|class|classroom)\b/i,
      /我(要|会|想|迟早)(去)?(杀了?|杀死|捅死?|枪杀|弄死)(你|他|她|他们|老师|同学)/,
      /(炸|炸掉|血洗)(我们|我的)?学校/,
    ],
  },
  {
    category: 'illicit/violent',
    score: 0.9,
    patterns: [
      new RegExp(
        String.raw`\bhow\s*(do i|to|can i|would i)\s*(make|build|assemble|create|3d[- ]print)\s*(a|an)?\s*(homemade\s*)?${WEAPON}\b`,
        'i',
      ),
      new RegExp(
        String.raw`\b(instructions|steps|recipe|guide)\s*(for|to)\s*(making|make|building|build)\s*(a|an)?\s*${WEAPON}\b`,
        'i',
      ),
      /(怎么|如何|怎样|教我)(自制|制作|做|造|组装)(一个|一把)?(炸弹|炸药|枪|枪支|武器|燃烧瓶)/,
    ],
  },
  {
    category: 'harassment',
    score: 0.6,
    patterns: [
      /\b(you('re| are)|ur)\s*(so\s*)?(stupid|an idiot|worthless|a loser)\b/i,
      /你(是|真是|真|这个)?(个|一个)?(白痴|笨蛋|废物|蠢货)/,
    ],
  },
];

export const OFFLINE_CATEGORIES = [...new Set(rules.map((rule) => rule.category))];

/** Scores each category 0 or its rule's score; no network, no key. */
export function scoreOffline(text: string): Record<string, number> {
  const scores: Record<string, number> = Object.fromEntries(OFFLINE_CATEGORIES.map((category) => [category, 0]));
  for (const rule of rules) {
    if (rule.patterns.some((pattern) => pattern.test(text)))
      scores[rule.category] = Math.max(scores[rule.category] ?? 0, rule.score);
  }
  return scores;
}

export function createOfflineModerator(): Moderator {
  return { name: 'offline', check: (text) => Promise.resolve(decide(scoreOffline(text))) };
}
