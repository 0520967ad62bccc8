import { useState } from 'preact/hooks';
import { Actions, Field, FormError, formValues } from '../components/Form.js';
import { useTitle } from '../lib/hooks.js';
import { navigate } from '../lib/router.js';
import { signIn } from '../lib/session.js';

/** Where to go after signing in: a path of this app only (`?next=`), never another site. */
function nextPath(): string {
  const next = new URLSearchParams(window.location.search).get('next');
  return next && /^\/(?!\/)[\w/-]*$/.test(next) ? next : '/';
}

/** Log in and sign up: the session goes into an HttpOnly cookie (lib/session.ts). */
export function AuthPage({ mode }: { mode: 'login' | 'register' }) {
  useTitle(mode === 'login' ? 'Log in' : 'Sign up');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const v = formValues(e);
    setBusy(true);
    setError(undefined);
    try {
      const extra =
        mode === 'register' ? { displayName: v['displayName'] || undefined, isCreator: v['isCreator'] === 'on' } : {};
      await signIn(mode, { handle: v['handle'] ?? '', password: v['password'] ?? '', ...extra });
      navigate(nextPath(), { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const other = mode === 'login' ? '/register' : '/login';
  return (
    <section class="narrow">
      <h1>{mode === 'login' ? 'Log in' : 'Sign up'}</h1>
      <form onSubmit={submit} noValidate>
        <Field
          label="Handle"
          name="handle"
          error={error}
          required
          autocomplete="username"
          hint={mode === 'register' ? '3–32 of a–z, 0–9 and _' : undefined}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          error={error}
          required
          autocomplete={mode === 'login' ? 'current-password' : 'new-password'}
        />
        {mode === 'register' && (
          <>
            <Field label="Display name (optional)" name="displayName" error={error} autocomplete="nickname" />
            <div class="field check">
              <input id="f-isCreator" name="isCreator" type="checkbox" />
              <label for="f-isCreator">I am a creator (I will run drops)</label>
            </div>
          </>
        )}
        <FormError error={error} />
        <Actions>
          <button type="submit" class="primary" disabled={busy}>
            {mode === 'login' ? 'Log in' : 'Sign up'}
          </button>
          <a href={`${other}${window.location.search}`}>
            {mode === 'login' ? 'New here? Sign up' : 'Have an account? Log in'}
          </a>
        </Actions>
      </form>
    </section>
  );
}
