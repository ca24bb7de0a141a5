'use client';

import { useMutation, useQuery, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@lumi/api';
import { useTRPC } from '../../trpc/client';

type Spending = inferRouterOutputs<AppRouter>['admin']['spending'];

/**
 * A settings form on the admin's spending page (personal models, spend caps): the page's query, the form's values
 * (the saved ones, `fromSaved`, until edited; null while loading), and its save (`mutationOptions`, given the
 * `onSuccess` that clears the edits and reads the page again). `saved` says the last save went through, until the
 * next edit or submit.
 */
export function useSpendingForm<TValues, TData, TError, TVariables, TContext>(
  fromSaved: (spending: Spending) => TValues,
  mutationOptions: (onSuccess: () => Promise<void>) => UseMutationOptions<TData, TError, TVariables, TContext>,
) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const spending = useQuery(trpc.admin.spending.queryOptions());
  const [draft, setDraft] = useState<TValues | null>(null);
  const [saved, setSaved] = useState(false);
  const save = useMutation(
    mutationOptions(() => {
      setSaved(true);
      setDraft(null);
      return queryClient.invalidateQueries({ queryKey: trpc.admin.spending.queryKey() });
    }),
  );
  return {
    spending,
    values: draft ?? (spending.data ? fromSaved(spending.data) : null),
    edit: (values: TValues) => {
      setSaved(false);
      setDraft(values);
    },
    save,
    saved,
    submit: (event: FormEvent, variables: TVariables) => {
      event.preventDefault();
      setSaved(false);
      save.mutate(variables);
    },
  };
}
