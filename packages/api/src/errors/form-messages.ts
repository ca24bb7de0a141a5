/**
 * Validation messages of the input schemas the browser shares with the server. Each is a key of the web app's
 * dictionaries (en.ts and zh.ts; tsc checks that they match), so a field error reads in the screen's language
 * whether the browser or the server found it.
 */
export const FORM_MESSAGES = [
  'form.nameRequired',
  'form.emailInvalid',
  'form.emailTooLong',
  'form.passwordShort',
  'form.passwordLong',
  'form.joinCodeShape',
  'form.languagesNeeded',
  'form.resetCodeShape',
  'form.personaNeeded',
  'form.personaTooLong',
  'form.titleEmpty',
  'form.classNameRequired',
  'form.budgetNegative',
  'form.budgetTooLarge',
  'form.instructionsTooLong',
  'form.capAmount',
  'form.pickModel',
  'form.gradeRange',
  'form.gradeNoteTooLong',
] as const;
export type FormMessage = (typeof FORM_MESSAGES)[number];

/** A schema's message, typed so only known keys are used. */
export const formMessage = (key: FormMessage): string => key;
