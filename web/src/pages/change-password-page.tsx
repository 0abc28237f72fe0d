import { useAuth, useMe } from '../auth.tsx';
import { ChangePasswordForm } from '../components/change-password-form.tsx';
import { useTitle } from '../hooks.ts';

/** Shown instead of everything else while the account must pick a new password. */
export function ChangePasswordPage() {
  useTitle('Choose a new password');
  const me = useMe();
  const { refresh, signOut } = useAuth();
  return (
    <section className="auth-card" aria-labelledby="pw-title">
      <h1 id="pw-title">Choose a new password</h1>
      <p>
        {me.displayName || me.username}, the password you signed in with was temporary. Choose your
        own before continuing.
      </p>
      <ChangePasswordForm onChanged={refresh} />
      <p>
        <button type="button" className="button-link" onClick={() => void signOut()}>
          Sign out instead
        </button>
      </p>
    </section>
  );
}
