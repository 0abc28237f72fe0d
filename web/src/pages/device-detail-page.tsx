import type { DeviceDetail } from '../../../src/api-types.ts';
import { api, ApiRequestError } from '../api.ts';
import { canWrite, useMe } from '../auth.tsx';
import { DeviceClassLabel, RiskBadge } from '../components/dev-badges.tsx';
import { DeviceComponents } from '../components/dev-components.tsx';
import { DeviceHistory } from '../components/dev-history.tsx';
import { DeviceIdentity } from '../components/dev-identity.tsx';
import { DeviceVulns } from '../components/dev-vulns.tsx';
import { ErrorMessage } from '../components/error-message.tsx';
import { Loading } from '../components/loading.tsx';
import { plural } from '../format.ts';
import { useResource, useTitle } from '../hooks.ts';
import { Link } from '../router.tsx';

/** One device: identity, vulnerabilities with why and VEX decisions, SBOM, history. */
export function DeviceDetailPage({ id }: { id: string }) {
  const me = useMe();
  const device = useResource((signal) => api.device(id, signal), [id]);
  useTitle(device.data ? `Device: ${device.data.name}` : 'Device');

  return (
    <>
      <p className="breadcrumb">
        <Link to="/devices">← Devices</Link>
      </p>
      {device.error instanceof ApiRequestError && device.error.status === 404 ? (
        <>
          <h1>Device not found</h1>
          <p>It may have been removed, or the link is incomplete.</p>
        </>
      ) : (
        <ErrorMessage error={device.error} prefix="The device could not be loaded" />
      )}
      {!device.data && !device.error && <Loading what="Loading the device" />}
      {device.data && (
        <DeviceView device={device.data} writable={canWrite(me.role)} reload={device.reload} />
      )}
    </>
  );
}

function DeviceView({
  device: d,
  writable,
  reload,
}: {
  device: DeviceDetail;
  writable: boolean;
  reload: () => void;
}) {
  const highest = d.vulns[0]?.risk ?? null;
  const kev = d.vulns.filter((v) => v.kev).length;
  return (
    <article aria-labelledby="device-title">
      <div className="page-head">
        <h1 id="device-title">{d.name}</h1>
        <p className="page-sub">
          {[d.manufacturer, d.model, d.version].filter(Boolean).join(' · ') || 'Unknown model'} ·{' '}
          <DeviceClassLabel value={d.deviceClass} /> · Highest risk <RiskBadge risk={highest} /> ·{' '}
          {plural(d.vulns.length, 'vulnerability', 'vulnerabilities')}, {kev} in KEV
        </p>
      </div>
      <div className="detail-grid">
        <div className="detail-main">
          <DeviceVulns device={d} writable={writable} onChanged={reload} />
          <DeviceComponents components={d.components} />
          <DeviceHistory history={d.history} />
        </div>
        <div className="detail-side">
          {!writable && (
            <p className="notice">Your role can read devices but not record decisions.</p>
          )}
          <DeviceIdentity device={d} />
        </div>
      </div>
    </article>
  );
}
