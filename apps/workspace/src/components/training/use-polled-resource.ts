'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../lib/galley-api';

export interface PolledResource<T> {
  data: T | null;
  error: string | null;
  /** Loads again now (after an action changed what the list shows). */
  refresh: () => void;
}

/**
 * Loads `load()` now and again after `intervalFor(data)` ms for as long as the page shows it, so a
 * list of jobs keeps its statuses current; the interval follows the data (quick while something
 * runs, slow when all is still). A load that fails keeps the last data and says why; a change of
 * `key` starts over.
 */
export function usePolledResource<T>(key: string, load: () => Promise<T>, intervalFor: (data: T | null) => number): PolledResource<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const intervalRef = useRef(intervalFor);
  intervalRef.current = intervalFor;

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      let latest: T | null = null;
      try {
        latest = await loadRef.current();
        if (stopped) return;
        setData(latest);
        setError(null);
      } catch (failure) {
        if (stopped) return;
        setError(errorMessage(failure));
      }
      timer = setTimeout(() => void tick(), intervalRef.current(latest));
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [key, generation]);

  useEffect(() => {
    setData(null);
  }, [key]);

  const refresh = useCallback(() => setGeneration((n) => n + 1), []);
  return { data, error, refresh };
}
