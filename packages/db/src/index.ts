export { createPrismaClient } from './client';
export * from './generated/prisma/client';
