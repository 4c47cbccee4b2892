'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../lib/galley-api';

export interface ApiResource<T> {
  data: T | null;
  /** The problem detail of the last failed load; null while the data is good. */
  error: string | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads `load()` whenever `key` changes (and on `reload()`). An answer that arrives after the key moved
 * on is dropped, so switching versions quickly never shows one version's profile under another's name.
 * The previous data stays on screen while the next loads (tables do not flicker when paging) and is
 * dropped when a load fails, so an error is never shown beside data it does not describe.
 */
export function useApiResource<T>(key: string, load: () => Promise<T>): ApiResource<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    let current = true;
    setLoading(true);
    loadRef.current().then(
      (value) => {
        if (!current) return;
        setData(value);
        setError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (!current) return;
        setData(null);
        setError(errorMessage(failure));
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { data, error, loading, reload };
}
