import { formatNumber } from '../format.ts';

interface PaginationProps {
  total: number;
  limit: number;
  offset: number;
  /** What is being counted, plural: "findings". */
  noun: string;
  onChange: (offset: number) => void;
}

/** Previous/next paging over a server-side list, with "51–100 of 100,000" so the size is known. */
export function Pagination({ total, limit, offset, noun, onChange }: PaginationProps) {
  const first = total === 0 ? 0 : offset + 1;
  const last = Math.min(offset + limit, total);
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.max(1, Math.ceil(total / limit));
  return (
    <nav className="pagination" aria-label={`Pages of ${noun}`}>
      {/* Not a live region: pages announce their result count through the app's announcer. */}
      <p className="pagination-count">
        {total === 0
          ? `No ${noun}`
          : `${formatNumber(first)}–${formatNumber(last)} of ${formatNumber(total)} ${noun}`}
      </p>
      <div className="pagination-buttons">
        <button
          type="button"
          className="button-secondary"
          disabled={offset <= 0}
          onClick={() => onChange(0)}
        >
          First
        </button>
        <button
          type="button"
          className="button-secondary"
          disabled={offset <= 0}
          onClick={() => onChange(Math.max(0, offset - limit))}
        >
          Previous
        </button>
        <span className="pagination-page">
          Page {formatNumber(page)} of {formatNumber(pages)}
        </span>
        <button
          type="button"
          className="button-secondary"
          disabled={offset + limit >= total}
          onClick={() => onChange(offset + limit)}
        >
          Next
        </button>
      </div>
    </nav>
  );
}
