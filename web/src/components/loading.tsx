/** A quiet placeholder while a page's first answer is on its way. */
export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <p className="loading" aria-busy="true">
      {what}…
    </p>
  );
}
