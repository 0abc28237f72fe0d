/**
 * Fields that identify *what* ran and *where*, and stay the same when the same benign activity
 * recurs (unlike ProcessId, LogonId or timestamps). A false-positive filter matches these exactly,
 * so it silences that program on that host, not the whole rule.
 */
export const FILTER_FIELDS = [
  'Computer',
  'Image',
  'ParentImage',
  'CommandLine',
  'TargetFilename',
  'ServiceName',
  'TargetUserName',
  'IpAddress',
] as const;

/**
 * The Sigma-style selection (field -> exact value) for a site filter: the FILTER_FIELDS present
 * in the alert's sample event as non-empty scalars. Empty when none are present; callers must
 * not store an empty selection, which would match every event of the rule.
 */
export function filterSelection(
  sample: Record<string, unknown>,
): Record<string, string | number | boolean> {
  const selection: Record<string, string | number | boolean> = {};
  for (const field of FILTER_FIELDS) {
    const value = sample[field];
    if (typeof value === 'string' ? value !== '' : ['number', 'boolean'].includes(typeof value)) {
      selection[field] = value as string | number | boolean;
    }
  }
  return selection;
}

/** `Computer = WS-014, Image = C:\...` for the timeline. */
export function describeSelection(selection: Record<string, unknown>): string {
  return Object.entries(selection)
    .map(([k, v]) => `${k} = ${String(v)}`)
    .join(', ');
}
