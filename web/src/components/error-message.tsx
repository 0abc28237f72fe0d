import { describeError } from '../api.ts';

/**
 * An error as the server explained it, with its list of reasons (password policy, field
 * problems) when there is one. role="alert" has it read out as soon as it appears.
 */
export function ErrorMessage({ error, prefix }: { error: unknown; prefix?: string }) {
  if (error === undefined || error === null) return null;
  const { message, reasons } = describeError(error);
  // The server's message often repeats its reasons after a field name ("newPassword: Use at
  // least…"); when the list says it all, show the list alone.
  const repeated = reasons.length > 0 && reasons.every((r) => message.includes(r));
  const lead = repeated
    ? (prefix ?? 'Please correct the following')
    : prefix
      ? `${prefix}: ${message}`
      : message;
  return (
    <div className="error" role="alert">
      <p>{lead}</p>
      {reasons.length > 0 && (
        <ul>
          {reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
