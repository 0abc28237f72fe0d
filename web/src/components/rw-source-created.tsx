import { useState } from 'react';
import type { CreatedIngestSource } from '../../../src/api-types.ts';
import { useAnnounce } from './announcer.tsx';

/** The new source's token, shown this once, with a curl line a shipper can be tested with. */
export function SourceCreated({
  source,
  onDone,
}: {
  source: CreatedIngestSource;
  onDone: () => void;
}) {
  const announce = useAnnounce();
  const [copied, setCopied] = useState(false);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(source.token);
      setCopied(true);
      announce('Token copied to the clipboard.');
    } catch {
      // Clipboard access needs HTTPS or localhost; select the text for Ctrl+C instead.
      (document.getElementById('source-token') as HTMLInputElement | null)?.select();
      announce('Copying is not allowed here; the token is selected, press Ctrl+C.');
    }
  };

  return (
    <div className="token-once" role="region" aria-labelledby="source-once-title">
      <h3 id="source-once-title">Token for “{source.name}”</h3>
      <p>
        <strong>Copy it now: it will not be shown again.</strong> Ward keeps only a hash. If it is
        lost, disable this source and create a new one.
      </p>
      <div className="copy-row">
        <label className="visually-hidden" htmlFor="source-token">
          Ingest token
        </label>
        <input
          id="source-token"
          readOnly
          className="mono"
          value={source.token}
          onFocus={(e) => e.target.select()}
        />
        <button type="button" onClick={() => void copy()}>
          {copied ? 'Copied' : 'Copy'}
        </button>
        <button type="button" className="button-secondary" onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}

/** How a log shipper posts to Ward; the token placeholder keeps secrets out of screenshots. */
export function IngestExample() {
  const endpoint = `${window.location.origin}/api/ransomware/ingest`;
  const example = [
    `curl -X POST '${endpoint}' \\`,
    `  -H 'Authorization: Bearer <ingest token>' \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d '[{"Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1,"Computer":"WS-017",`,
    `       "TimeCreated":"2026-01-01T12:00:00Z","Image":"C:\\\\Windows\\\\System32\\\\whoami.exe"}]'`,
  ].join('\n');
  return (
    <>
      <p>
        Shippers (Winlogbeat, NXLog, Fluent Bit, a script) send flat JSON events, one object per
        event, to <code>{endpoint}</code> with the source's token as a Bearer token.
      </p>
      <pre className="evidence" aria-label="Example request">
        {example}
      </pre>
    </>
  );
}
