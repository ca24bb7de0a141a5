export { createPrismaClient, poolOf } from './client';
export { preparedQuery } from './prepared';
export * from './generated/prisma/client';
