import { createPrismaClient } from '../client';
import { databaseUrlOrExit } from '../migrate/database-url';
import { makeAdmin } from './make-admin';

// `npm run db:make-admin -- <email>`: makes the account with that email an admin of DATABASE_URL's school.
const email = process.argv[2];
if (!email) {
  console.error('Usage: npm run db:make-admin -- <email of an account that has signed up>');
  process.exit(1);
}

const prisma = createPrismaClient(databaseUrlOrExit(), { max: 1 });
try {
  const admin = await makeAdmin(prisma, email);
  if (!admin) {
    console.error(`No account has the email ${email}: sign up with it first, then run this again.`);
    process.exitCode = 1;
  } else {
    console.log(`${admin.name} <${admin.email}> is now an admin: sign in and open /admin.`);
  }
} finally {
  await prisma.$disconnect();
}
