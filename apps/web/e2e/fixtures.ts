/** What global setup seeds, shared with the specs. */
export const SEED = {
  teacherEmail: 'teacher@e2e.lumi.test',
  /** A class with an ordinary daily budget. */
  joinCode: 'E2EJOIN1',
  className: 'Physics 9A',
  /** A class whose daily budget cannot pay for a single reply. */
  tinyJoinCode: 'E2ETINY1',
  tinyClassName: 'Tiny budget',
  /** A class whose daily budget (400 tokens) holds one short reply, not the default 1,024-token cap. */
  smallJoinCode: 'E2ESMALL',
  smallClassName: 'Small budget',
  /** The demo school (packages/db/src/seed). */
  demoTeacherEmail: 'teacher@greenfield.example',
  demoPassword: 'lumi-demo-pass',
  demoClassName: 'Year 10 Tutor Group B',
  /** The school's admin, with the demo password (admin.spec.ts). */
  adminEmail: 'admin@e2e.lumi.test',
  /** A class with one session written eleven years ago, for the retention job to empty. */
  oldClassName: 'Class of 2015',
  oldStudentName: 'Old Student',
  oldMessage: 'What is the Moon made of?',
} as const;

/** The scraper's bearer token the browser tests' server is started with. */
export const METRICS_TOKEN = 'e2e-metrics-token-0123456789';
