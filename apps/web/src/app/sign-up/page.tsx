import { redirect } from 'next/navigation';
import { auth } from '../../auth';
import { SignUpForm } from './sign-up-form';

export default async function SignUpPage() {
  if ((await auth())?.user) redirect('/');
  return (
    <main className="mx-auto w-full max-w-sm px-4 py-10">
      <SignUpForm />
    </main>
  );
}
