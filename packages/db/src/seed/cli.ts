import { createPrismaClient } from '../client';
import { databaseUrlOrExit } from '../migrate/database-url';
import { seedDemoSchool } from './seed';

// `npm run db:seed`: adds the demo school to DATABASE_URL's database and prints its logins.
const prisma = createPrismaClient(databaseUrlOrExit(), { max: 2 });
try {
  const school = await seedDemoSchool(prisma);
  console.log(
    school.created
      ? `Demo school created: class "${school.className}", join code ${school.joinCode}.`
      : `Demo school already present (class "${school.className}", join code ${school.joinCode}); nothing changed.`,
  );
  console.log(`Demo logins (password: ${school.password}):`);
  for (const login of school.logins)
    console.log(`  ${login.role.toLowerCase().padEnd(8)} ${login.email.padEnd(36)} ${login.name}`);
} finally {
  await prisma.$disconnect();
}
