export default function HomePage() {
  return (
    <main className="mx-auto flex min-h-screen max-w-2xl flex-col justify-center gap-4 px-6">
      <h1 className="text-4xl font-semibold tracking-tight">Lumi</h1>
      <p className="text-lg text-slate-600">
        An AI learning assistant for schools: a tutor that guides students instead of handing over answers,
        with classes, budgets and oversight for teachers.
      </p>
    </main>
  );
}
