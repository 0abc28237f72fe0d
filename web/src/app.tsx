import type { ReactNode } from 'react';
import { AuthProvider, useAuth } from './auth.tsx';
import { AnnouncerProvider } from './components/announcer.tsx';
import { BareLayout, Layout } from './components/layout.tsx';
import { Loading } from './components/loading.tsx';
import { AccountPage } from './pages/account-page.tsx';
import { AlertDetailPage } from './pages/alert-detail-page.tsx';
import { AlertsPage } from './pages/alerts-page.tsx';
import { AssetDetailPage } from './pages/asset-detail-page.tsx';
import { AssetsPage } from './pages/assets-page.tsx';
import { AuditPage } from './pages/audit-page.tsx';
import { CaseDetailPage } from './pages/case-detail-page.tsx';
import { CasesPage } from './pages/cases-page.tsx';
import { ChangePasswordPage } from './pages/change-password-page.tsx';
import { CredentialsPage } from './pages/credentials-page.tsx';
import { DashboardPage } from './pages/dashboard-page.tsx';
import { DeviceDetailPage } from './pages/device-detail-page.tsx';
import { DevicesPage } from './pages/devices-page.tsx';
import { FindingDetailPage } from './pages/finding-detail-page.tsx';
import { FindingsPage } from './pages/findings-page.tsx';
import { ImportsPage } from './pages/imports-page.tsx';
import { IngestSourcesPage } from './pages/ingest-sources-page.tsx';
import { LoginPage } from './pages/login-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { ReadinessPage } from './pages/readiness-page.tsx';
import { SetupPage } from './pages/setup-page.tsx';
import { UsersPage } from './pages/users-page.tsx';
import { matchPath, useLocation } from './router.tsx';

export function App() {
  return (
    <AnnouncerProvider>
      <AuthProvider>
        <Gate />
      </AuthProvider>
    </AnnouncerProvider>
  );
}

/**
 * Decides what the visitor may see: setup on an empty installation, the login, the forced
 * password change, and only then the pages. The address is kept throughout, so a shared link
 * to a finding opens that finding after signing in.
 */
function Gate() {
  const { state, refresh } = useAuth();
  switch (state.kind) {
    case 'checking':
      return (
        <BareLayout>
          <Loading what="Connecting to Ward" />
        </BareLayout>
      );
    case 'unreachable':
      return (
        <BareLayout>
          <section className="auth-card" role="alert">
            <h1>Ward is not reachable</h1>
            <p>{state.message}</p>
            <button type="button" onClick={() => void refresh()}>
              Try again
            </button>
          </section>
        </BareLayout>
      );
    case 'setup':
      return (
        <BareLayout>
          <SetupPage />
        </BareLayout>
      );
    case 'signed_out':
      return (
        <BareLayout>
          <LoginPage expired={state.expired} />
        </BareLayout>
      );
    case 'signed_in':
      if (state.me.mustChangePassword) {
        return (
          <BareLayout>
            <ChangePasswordPage />
          </BareLayout>
        );
      }
      return (
        <Layout>
          <Routes />
        </Layout>
      );
  }
}

const ROUTES: readonly {
  pattern: string;
  render: (params: Record<string, string>) => ReactNode;
}[] = [
  { pattern: '/', render: () => <DashboardPage /> },
  { pattern: '/findings', render: () => <FindingsPage /> },
  {
    pattern: '/findings/:id',
    render: (p) => <FindingDetailPage key={p['id']} id={p['id'] as string} />,
  },
  { pattern: '/assets', render: () => <AssetsPage /> },
  {
    pattern: '/assets/:id',
    render: (p) => <AssetDetailPage key={p['id']} id={p['id'] as string} />,
  },
  { pattern: '/devices', render: () => <DevicesPage /> },
  {
    pattern: '/devices/:id',
    render: (p) => <DeviceDetailPage key={p['id']} id={p['id'] as string} />,
  },
  { pattern: '/imports', render: () => <ImportsPage /> },
  { pattern: '/credentials', render: () => <CredentialsPage /> },
  { pattern: '/alerts', render: () => <AlertsPage /> },
  {
    pattern: '/alerts/:id',
    render: (p) => <AlertDetailPage key={p['id']} id={p['id'] as string} />,
  },
  { pattern: '/cases', render: () => <CasesPage /> },
  {
    pattern: '/cases/:id',
    render: (p) => <CaseDetailPage key={p['id']} id={p['id'] as string} />,
  },
  { pattern: '/readiness', render: () => <ReadinessPage /> },
  { pattern: '/ingest-sources', render: () => <IngestSourcesPage /> },
  { pattern: '/users', render: () => <UsersPage /> },
  { pattern: '/audit', render: () => <AuditPage /> },
  { pattern: '/account', render: () => <AccountPage /> },
];

function Routes() {
  const { path } = useLocation();
  for (const route of ROUTES) {
    const params = matchPath(route.pattern, path);
    if (params) return <>{route.render(params)}</>;
  }
  return <NotFoundPage />;
}
