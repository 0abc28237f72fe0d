import { useTitle } from '../hooks.ts';
import { Link } from '../router.tsx';

export function NotFoundPage() {
  useTitle('Not found');
  return (
    <section>
      <h1>Page not found</h1>
      <p>
        There is no page at this address. <Link to="/">Go to the dashboard</Link>.
      </p>
    </section>
  );
}
