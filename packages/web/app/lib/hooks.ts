import { useEffect, useRef } from 'preact/hooks';

/**
 * Calls `fn` every `ms` while the tab is visible (and at once when it comes back into view);
 * `ms` null pauses. A call still running is not overlapped by the next one.
 */
export function usePoll(fn: () => Promise<unknown>, ms: number | null): void {
  const latest = useRef(fn);
  latest.current = fn;
  useEffect(() => {
    if (ms === null) return;
    let busy = false;
    const run = (): void => {
      if (busy || document.visibilityState !== 'visible') return;
      busy = true;
      latest.current().finally(() => (busy = false));
    };
    const timer = setInterval(run, ms);
    document.addEventListener('visibilitychange', run);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', run);
    };
  }, [ms]);
}

/** Sets the document title for the page. */
export function useTitle(title: string | undefined): void {
  useEffect(() => {
    if (title !== undefined) document.title = title === 'Live Drops' ? title : `${title} · Live Drops`;
  }, [title]);
}
