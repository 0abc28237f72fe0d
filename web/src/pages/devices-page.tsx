import { useEffect, useRef, useState } from 'react';
import { DEVICE_CLASSES, type DeviceClass } from '../../../src/api-types.ts';
import { api, toQuery } from '../api.ts';
import { canWrite, useMe } from '../auth.tsx';
import { useAnnounce } from '../components/announcer.tsx';
import { DevicesTable } from '../components/dev-devices-table.tsx';
import { DeviceImport } from '../components/dev-import.tsx';
import { DEVICE_CLASS_LABEL, DEVICE_COMMANDS } from '../components/dev-labels.ts';
import { ErrorMessage } from '../components/error-message.tsx';
import { Loading } from '../components/loading.tsx';
import { Pagination } from '../components/pagination.tsx';
import { plural } from '../format.ts';
import { useDebounced, useResource, useTitle } from '../hooks.ts';
import { navigate, useLocation } from '../router.tsx';

const LIMIT = 50;

/** Medical and IoT devices, riskiest first, with class and text filters in the address. */
export function DevicesPage() {
  useTitle('Devices');
  const me = useMe();
  const { search } = useLocation();
  const announce = useAnnounce();
  const deviceClass = DEVICE_CLASSES.find((c) => c === search.get('class')) ?? '';
  const q = search.get('q') ?? '';
  const offset = Math.max(0, Number(search.get('offset')) || 0);

  const go = (next: { class?: string; q?: string; offset?: number }, push = false) =>
    navigate(
      `/devices${toQuery({ class: deviceClass, q, ...next, offset: next.offset || undefined })}`,
      { replace: !push },
    );

  const [text, setText] = useState(q);
  const settled = useDebounced(text, 300);
  useEffect(() => {
    if (settled.trim() !== q.trim()) go({ q: settled.trim(), offset: 0 });
    // Only the settled text triggers a search; the address changing is mirrored below.
  }, [settled]);
  useEffect(() => setText((t) => (t.trim() === q.trim() ? t : q)), [q]);

  const page = useResource(
    (signal) =>
      api.devices(
        { ...(deviceClass ? { deviceClass } : {}), ...(q ? { q } : {}), limit: LIMIT, offset },
        signal,
      ),
    [deviceClass, q, offset],
  );
  // The count is announced when the filters change, not when an import reloads the list: the
  // import's own announcement would be cut off.
  const total = page.data?.total;
  const filterKey = `${deviceClass}|${q}`;
  const announcedFor = useRef<string | null>(null);
  useEffect(() => {
    if (total === undefined || page.loading || announcedFor.current === filterKey) return;
    announcedFor.current = filterKey;
    announce(`${plural(total, 'device')} match`);
  }, [total, filterKey, page.loading, announce]);
  const filtered = Boolean(deviceClass || q);

  return (
    <>
      <div className="page-head">
        <h1>Devices</h1>
        <p className="page-sub">
          Medical and IoT devices matched to known vulnerabilities, riskiest first.
          {page.data && ` ${plural(page.data.total, 'device')}.`}
        </p>
      </div>
      <DeviceImport canUpload={canWrite(me.role)} onImported={page.reload} />
      <form
        className="filters filters-compact"
        role="search"
        aria-label="Filter devices"
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="field filter-search">
          <label htmlFor="devices-q">Search</label>
          <input
            id="devices-q"
            type="search"
            placeholder="Name, manufacturer, model, exact IP or MAC…"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="devices-class">Class</label>
          <select
            id="devices-class"
            value={deviceClass}
            onChange={(e) => go({ class: e.target.value as DeviceClass | '', offset: 0 })}
          >
            <option value="">All classes</option>
            {DEVICE_CLASSES.map((c) => (
              <option key={c} value={c}>
                {DEVICE_CLASS_LABEL[c]}
              </option>
            ))}
          </select>
        </div>
      </form>
      <ErrorMessage error={page.error} prefix="The devices could not be loaded" />
      {!page.data && !page.error && <Loading what="Loading devices" />}
      {page.data &&
        page.data.items.length === 0 &&
        (filtered ? <p className="empty">No devices match these filters.</p> : <EmptyInventory />)}
      {page.data && page.data.items.length > 0 && (
        <>
          <DevicesTable items={page.data.items} busy={page.loading} />
          <Pagination
            total={page.data.total}
            limit={LIMIT}
            offset={offset}
            noun="devices"
            onChange={(o) => go({ offset: o }, true)}
          />
        </>
      )}
    </>
  );
}

function EmptyInventory() {
  return (
    <div className="empty dev-empty">
      <p>No devices yet. Import the inventory above, or on the Ward server, in this order:</p>
      <ol>
        {DEVICE_COMMANDS.map((c) => (
          <li key={c.command}>
            <code>{c.command}</code> — {c.what}
          </li>
        ))}
      </ol>
    </div>
  );
}
