import { ResetPasswordForm } from './reset-password-form';

/** Where someone who forgot their password sets a new one with the code their teacher (or an admin) gave them. */
export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<{ code?: string | string[] }>;
}) {
  const { code } = await searchParams;
  return (
    <main className="mx-auto w-full max-w-sm px-4 py-10">
      <ResetPasswordForm code={typeof code === 'string' ? code : ''} />
    </main>
  );
}
