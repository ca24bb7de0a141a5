/**
 * English text of the admin's teacher accounts, spending caps and personal-session models, of a teacher waiting
 * for approval, and of the neutral sign-up. Keys are the same in admin-zh.ts (tsc checks).
 */
export const adminEn = {
  'admin.teachers.title': 'Teacher accounts',
  'admin.teachers.intro':
    'Anyone can sign up as a teacher, so a new teacher account waits for your approval before it can create classes. Disabling a teacher signs them out everywhere and stops their classes from spending until you enable them again.',
  'admin.teachers.none': 'No teacher accounts yet.',
  'admin.teachers.pending': 'Waiting for approval',
  'admin.teachers.approved': 'Approved',
  'admin.teachers.disabled': 'Disabled',
  'admin.teachers.summary': '{classes, plural, one {# class} other {# classes}} · {spent} this month',
  'admin.teachers.approve': 'Approve',
  'admin.teachers.disable': 'Disable',
  'admin.teachers.enable': 'Enable',
  'admin.teachers.disableConfirm':
    'Disable {name}? They are signed out everywhere and their classes stop spending until you enable them again.',
  'admin.teachers.capDay': 'Own cap per day (US$)',
  'admin.teachers.capMonth': 'Own cap per month (US$)',
  'admin.teachers.saveCaps': 'Set own caps',
  'admin.teachers.capHint': 'Empty: the school’s cap for each teacher applies.',
  'admin.caps.title': 'Spending caps',
  'admin.caps.intro':
    'The most the school’s model key may spend, in US dollars per UTC day and month, for the whole school and for all the classes of one teacher together. Empty means no cap. A message that would pass a cap is refused with a clear message.',
  'admin.caps.day': 'School per day (US$)',
  'admin.caps.month': 'School per month (US$)',
  'admin.caps.teacherDay': 'Each teacher per day (US$)',
  'admin.caps.teacherMonth': 'Each teacher per month (US$)',
  'admin.caps.none': 'No cap',
  'admin.caps.submit': 'Set caps',
  'admin.caps.spent': 'Spent today: {day}. This month: {month}.',
  'admin.caps.fromEnv': 'Not saved yet: the server’s settings (LUMI_SPEND_CAP_*) apply until you save.',
  'admin.models.title': 'Models for students’ own sessions',
  'admin.models.intro':
    'Which models students may use in sessions outside any class. Classes keep the models their teacher chose.',
  'admin.models.default': 'Nothing chosen yet: the low-cost models are open (ticked below).',
  'admin.models.submit': 'Use these models',
  'admin.models.price': '${input} in / ${output} out per million tokens',
  'teacher.pendingApproval':
    'Your teacher account is waiting for your school’s admin to approve it. Until then you can look around, but you cannot create classes.',
  'error.TEACHER_NOT_APPROVED':
    'Your teacher account is waiting for your school’s admin to approve it. You can create classes once it is approved.',
  'auth.signUpNotSignedIn':
    'We could not sign you in with these details. If this email already has a Lumi account, sign in with that account’s password; if it is forgotten, a teacher or an admin can give you a reset code.',
  'form.capAmount': 'Enter an amount in US dollars from 0 to 1,000,000, such as 25 or 2.50, or leave it empty.',
  'form.pickModel': 'Choose at least one model.',
} as const;
