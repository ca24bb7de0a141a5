import { redirect } from 'next/navigation';
import { auth, oauthProviderIds } from '../../auth';
import { SignInForm } from './sign-in-form';

export default async function SignInPage() {
  if ((await auth())?.user) redirect('/');
  return (
    <main className="mx-auto w-full max-w-sm px-4 py-10">
      <SignInForm providers={oauthProviderIds} />
    </main>
  );
}
