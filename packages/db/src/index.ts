export { createPrismaClient, poolOf } from './client';
export { listen, type Listener } from './listen';
export { preparedQuery } from './prepared';
export * from './generated/prisma/client';
