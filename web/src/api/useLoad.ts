import { type DependencyList, useCallback, useEffect, useState } from 'react';
import { failureText } from './client';

export interface Loaded<T> {
  data: T | undefined;
  /** What to tell the person when the call failed, in their language. */
  error: string | undefined;
  loading: boolean;
  /** Reads again; resolves once the new answer (or failure) is kept. */
  reload: () => Promise<void>;
}

/**
 * The pages' one way to read from the API: calls `load` when `deps` change and keeps the answer,
 * or the failure as text for the person; an answer that arrives after the page moved on is dropped.
 */
export function useLoad<T>(load: () => Promise<T>, deps: DependencyList, fallbackKey?: string): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: string; loading: boolean }>({ loading: true });
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller names what the call depends on
  const call = useCallback(load, deps);

  const run = useCallback(
    async (isCurrent: () => boolean) => {
      setState((previous) => ({ ...previous, loading: true }));
      try {
        const data = await call();
        if (isCurrent()) setState({ data, loading: false });
      } catch (caught) {
        if (isCurrent()) setState({ error: failureText(caught, fallbackKey), loading: false });
      }
    },
    [call, fallbackKey],
  );

  useEffect(() => {
    let current = true;
    void run(() => current);
    return () => {
      current = false;
    };
  }, [run]);

  const reload = useCallback(() => run(() => true), [run]);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}
