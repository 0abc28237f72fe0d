import type { DeviceComponent } from '../../../src/api-types.ts';

/** The software inside the device, from its SBOMs (CycloneDX or SPDX). */
export function DeviceComponents({ components }: { components: DeviceComponent[] }) {
  return (
    <section className="panel" aria-labelledby="dev-components-title">
      <h2 id="dev-components-title">Software components (SBOM)</h2>
      {components.length === 0 ? (
        <p className="empty">
          No SBOM for this device. Add one from the manufacturer with{' '}
          <code>npx ward devices sbom DEVICE FILE</code>; its components are matched too.
        </p>
      ) : (
        <div className="table-scroll">
          <table className="data-table dev-components">
            <caption className="visually-hidden">Software components</caption>
            <thead>
              <tr>
                <th scope="col">Component</th>
                <th scope="col">Version</th>
                <th scope="col" className="col-optional">
                  Supplier
                </th>
                <th scope="col">Identifier</th>
                <th scope="col" className="col-optional">
                  SBOM
                </th>
              </tr>
            </thead>
            <tbody>
              {components.map((c, i) => (
                <tr key={`${c.name}-${c.version ?? ''}-${i}`}>
                  <th scope="row">{c.name}</th>
                  <td className="mono">{c.version ?? '—'}</td>
                  <td className="col-optional">{c.supplier ?? '—'}</td>
                  <td className="mono dev-why">{c.purl ?? c.cpe ?? '—'}</td>
                  <td className="col-optional mono">{c.sbom}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
