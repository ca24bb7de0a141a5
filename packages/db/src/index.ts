export { createPrismaClient, directUrlOf, poolOf, statementModeOf, type StatementMode } from './client';
export { readPoolerSetting } from './pooler-setting';
export { listen, type Listener } from './listen';
export * from './generated/prisma/client';
