import { store, useStore } from './store.js';

/** The current path; the app's pages follow it. */
export const location$ = store(window.location.pathname);

/** Goes to a page of the app without a reload. */
export function navigate(to: string, o: { replace?: boolean } = {}): void {
  if (to === window.location.pathname + window.location.search) return;
  if (o.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  location$.set(new URL(to, window.location.origin).pathname);
  window.scrollTo(0, 0);
}

// Paths the server answers itself, never pages of the app.
const SERVER_PATHS = /^\/(docs|openapi\.json|v1|media|graphql|metrics|livez|readyz)(\/|$)/;

/** Same-origin links move within the app; everything else (new tab, downloads, the API docs) is the browser's. */
export function interceptLinks(): void {
  window.addEventListener('popstate', () => location$.set(window.location.pathname));
  document.addEventListener('click', (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = (e.target as Element | null)?.closest('a');
    if (!a || a.target || a.hasAttribute('download') || a.origin !== window.location.origin) return;
    if (SERVER_PATHS.test(a.pathname)) return;
    e.preventDefault();
    navigate(a.pathname + a.search);
  });
}

/** `/drops/:id` against `/drops/abc` → `{ id: 'abc' }`; null when it does not match. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/');
  const s = path.split('/');
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i]!.startsWith(':')) params[p[i]!.slice(1)] = decodeURIComponent(s[i]!);
    else if (p[i] !== s[i]) return null;
  }
  return params;
}

export const usePath = (): string => useStore(location$);
