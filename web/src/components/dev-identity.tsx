import type { DeviceDetail } from '../../../src/api-types.ts';
import { formatDate } from '../format.ts';
import { DeviceClassLabel } from './dev-badges.tsx';
import { SCAN_POLICY_LABEL } from './dev-labels.ts';
import { Fact } from './fact.tsx';

const or = (v: string | null) => v ?? '—';

/** What the inventory says the device is and where it lives. */
export function DeviceIdentity({ device: d }: { device: DeviceDetail }) {
  return (
    <section className="panel" aria-labelledby="dev-identity-title">
      <h2 id="dev-identity-title">Identity</h2>
      <dl className="facts">
        <Fact term="Class">
          <DeviceClassLabel value={d.deviceClass} />
        </Fact>
        <Fact term="Manufacturer">{or(d.manufacturer)}</Fact>
        <Fact term="Model">{or(d.model)}</Fact>
        <Fact term="Version" mono>
          {or(d.version)}
        </Fact>
        <Fact term="Type">{or(d.deviceType)}</Fact>
        <Fact term="Operating system">{or(d.os)}</Fact>
        <Fact term="Serial" mono>
          {or(d.serial)}
        </Fact>
        <Fact term="UDI" mono>
          {or(d.udi)}
        </Fact>
        <Fact term="MAC" mono>
          {or(d.mac)}
        </Fact>
        <Fact term="IP" mono>
          {or(d.ip)}
        </Fact>
        <Fact term="Host name" mono>
          {or(d.hostname)}
        </Fact>
        <Fact term="VLAN">{or(d.vlan)}</Fact>
        <Fact term="Department">{or(d.department)}</Fact>
        <Fact term="Location">{or(d.location)}</Fact>
        <Fact term="Owner">{or(d.owner)}</Fact>
        <Fact term="CMMS id" mono>
          {or(d.cmmsId)}
        </Fact>
        <Fact term="Support ends">{d.supportEnd ? formatDate(d.supportEnd) : '—'}</Fact>
        <Fact term="Patient data (PHI)">{d.phi ? 'Yes' : 'No'}</Fact>
        <Fact term="Internet-facing">{d.internetFacing ? 'Yes' : 'No'}</Fact>
        <Fact term="Scan policy">{SCAN_POLICY_LABEL[d.scanPolicy]}</Fact>
        <Fact term="CPEs">
          {d.cpes.length === 0 ? (
            'None: matching uses manufacturer, model and version'
          ) : (
            <ul className="dev-cpes mono">
              {d.cpes.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          )}
        </Fact>
      </dl>
    </section>
  );
}
