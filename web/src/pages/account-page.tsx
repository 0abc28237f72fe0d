import { useAuth, useMe } from '../auth.tsx';
import { ApiTokensSection } from '../components/api-tokens-section.tsx';
import { ChangePasswordForm } from '../components/change-password-form.tsx';
import { TotpSection } from '../components/totp-section.tsx';
import { ROLE_LABEL } from '../format.ts';
import { useTitle } from '../hooks.ts';

/** The signed-in person's own settings: password, second factor, API tokens. */
export function AccountPage() {
  useTitle('Account');
  const me = useMe();
  // A password change may rotate the session (and its CSRF token); ask who we are again.
  const { refresh } = useAuth();
  return (
    <>
      <div className="page-head">
        <h1>Your account</h1>
        <p className="page-sub">
          {me.displayName ? `${me.displayName} (${me.username})` : me.username} ·{' '}
          {ROLE_LABEL[me.role]}
        </p>
      </div>
      <div className="two-col">
        <section className="panel" aria-labelledby="totp-title">
          <h2 id="totp-title">Two-factor sign-in</h2>
          <TotpSection />
        </section>
        <section className="panel" aria-labelledby="password-title">
          <h2 id="password-title">Change password</h2>
          <ChangePasswordForm onChanged={refresh} />
        </section>
      </div>
      <section className="panel" aria-labelledby="tokens-title">
        <h2 id="tokens-title">API tokens</h2>
        <p className="hint">
          For scripts and integrations: send as <code>Authorization: Bearer &lt;token&gt;</code>. A
          token acts with the role you give it.
        </p>
        <ApiTokensSection />
      </section>
    </>
  );
}
