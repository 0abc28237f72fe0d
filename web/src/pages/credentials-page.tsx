import { api } from '../api.ts';
import { canWrite, useMe } from '../auth.tsx';
import { CredentialAudit } from '../components/creds-audit.tsx';
import { CorpusStatusPanel } from '../components/creds-corpus-status.tsx';
import { DirectoryImport } from '../components/creds-directory-import.tsx';
import { CREDENTIAL_FINDINGS_HREF } from '../components/creds-labels.ts';
import { COVERAGE_DAYS, MfaCoverage } from '../components/creds-mfa-coverage.tsx';
import { PasswordCheck } from '../components/creds-password-check.tsx';
import { useResource, useTitle } from '../hooks.ts';
import { Link } from '../router.tsx';

/**
 * Safeguard 2: who has MFA, directory hygiene, audits of stored password hashes, the password
 * policy as a checker, and the breached-password corpus behind it.
 */
export function CredentialsPage() {
  useTitle('Credentials');
  const me = useMe();
  const writer = canWrite(me.role);
  // Owned here so a directory import can refresh the coverage shown above it.
  const coverage = useResource((signal) => api.mfaCoverage(COVERAGE_DAYS, signal), []);

  return (
    <>
      <div className="page-head">
        <h1>Credentials</h1>
        <p className="page-sub">
          MFA coverage, account hygiene and password strength.{' '}
          <Link to={CREDENTIAL_FINDINGS_HREF}>Open credential findings</Link>
        </p>
      </div>
      <MfaCoverage coverage={coverage} />
      <DirectoryImport canUpload={writer} onImported={coverage.reload} />
      <CredentialAudit canUpload={writer} />
      <PasswordCheck />
      <CorpusStatusPanel />
    </>
  );
}
