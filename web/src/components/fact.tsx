import type { ReactNode } from 'react';

/** One term and its value in a <dl className="facts">; `mono` for addresses and identifiers. */
export function Fact({
  term,
  mono,
  children,
}: {
  term: string;
  mono?: boolean;
  children: ReactNode;
}) {
  return (
    <div className="fact">
      <dt>{term}</dt>
      <dd className={mono ? 'mono' : undefined}>{children}</dd>
    </div>
  );
}
