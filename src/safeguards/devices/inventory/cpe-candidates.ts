/**
 * Candidate CPEs for a device the inventory names only by manufacturer, model and version.
 * Medical-device CPEs in the NVD follow the firmware-AND-hardware pattern (Medfusion 4000:
 * `o:smiths-medical:medfusion_4000_firmware:1.5` with `h:smiths-medical:medfusion_4000:-`),
 * so both are built and the NVD configuration tree decides.
 */

/** `Infusion Pump 9000` → `infusion_pump_9000`: CPE-style lower case with underscores. */
export function cpeName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** `Acme Medical, Inc.` → `acme_medical`: the company form is not part of NVD vendor names. */
export function cpeVendor(text: string): string {
  return cpeName(
    text.replace(/[,.]?\s*\b(inc|incorporated|corp|corporation|ltd|llc|gmbh|ag|plc)\b\.?\s*$/i, ''),
  );
}

/** A CPE 2.3 formatted-string value: characters other than letters, digits, `._-` are quoted. */
export function cpeValue(text: string): string {
  return text.trim().replace(/[^A-Za-z0-9._-]/g, (c) => (c === ' ' ? '_' : `\\${c}`));
}

function cpe(part: 'h' | 'o' | 'a', vendor: string, product: string, version: string): string {
  return `cpe:2.3:${part}:${vendor}:${product}:${version}:*:*:*:*:*:*:*`;
}

/**
 * NVD keeps a hyphen that is part of a name (`smiths-medical`, `pm-400`) and turns spaces into
 * underscores; a CMMS export cannot tell which spelling NVD chose, so both are candidates when
 * they differ.
 */
function spellings(text: string, toName: (t: string) => string): string[] {
  const underscored = toName(text);
  // A letters-only marker survives the name normalisation, which turns other characters into _.
  const hyphenKept = toName(text.replace(/-/g, ' qqhyphenqq ')).replace(/_?qqhyphenqq_?/g, '-');
  return [...new Set([underscored, hyphenKept].filter(Boolean))];
}

/**
 * `cpe:2.3:h:<vendor>:<model>:-` and, when the version is known,
 * `cpe:2.3:o:<vendor>:<model>_firmware:<version>`, for each spelling of vendor and model. Without
 * a version no firmware candidate is made: a `*` version would match every range, the
 * false-positive flood Dependency-Track #3268 describes.
 */
export function deriveCpes(device: {
  manufacturer?: string | null;
  model?: string | null;
  version?: string | null;
}): string[] {
  const vendors = spellings(device.manufacturer ?? '', cpeVendor);
  const products = spellings(device.model ?? '', cpeName);
  const version = device.version?.trim();
  const hardware: string[] = [];
  const firmware: string[] = [];
  for (const vendor of vendors) {
    for (const product of products) {
      hardware.push(cpe('h', vendor, product, '-'));
      if (!version) continue;
      const fw = product.endsWith('_firmware') ? product : `${product}_firmware`;
      firmware.push(cpe('o', vendor, fw, cpeValue(version)));
    }
  }
  return [...hardware, ...firmware];
}
