'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';

/**
 * Filters kept in the page's address, so Back from a transcript (or a reload, or a shared link) finds the list as
 * the teacher left it. `set` replaces the entry (no history step per keystroke); an empty value drops the name.
 */
export function useAddressFilters<Name extends string>(names: readonly Name[]) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const values = Object.fromEntries(names.map((n) => [n, params.get(n) ?? ''])) as Record<Name, string>;
  function set(patch: Partial<Record<Name, string>>) {
    const next = new URLSearchParams(params.toString());
    for (const [name, value] of Object.entries(patch) as Array<[Name, string | undefined]>) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    router.replace(`${pathname}?${next.toString()}`, { scroll: false });
  }
  return [values, set] as const;
}
