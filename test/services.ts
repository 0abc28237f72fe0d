/**
 * Where integration tests find real services. `.ci/run` sets both variables and CI=true; there a
 * missing service is a failure, not a skip. On a developer machine without them, integration
 * suites skip and scripts/test.ts says so at the end.
 */
export const testDatabaseUrl = process.env['WARD_TEST_DATABASE_URL'];
export const testNatsUrl = process.env['WARD_TEST_NATS_URL'];

if (process.env['CI'] === 'true' && (!testDatabaseUrl || !testNatsUrl)) {
  throw new Error(
    'CI=true but WARD_TEST_DATABASE_URL or WARD_TEST_NATS_URL is unset: integration tests are required in CI',
  );
}

export const hasPostgres = Boolean(testDatabaseUrl);
export const hasNats = Boolean(testNatsUrl);

/** Removes a JetStream stream a test's processes created (missing is fine). */
export async function deleteNatsStream(url: string, name: string): Promise<void> {
  const { connect } = await import('@nats-io/transport-node');
  const { jetstreamManager } = await import('@nats-io/jetstream');
  const nc = await connect({ servers: url });
  try {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(name).catch(() => false);
  } finally {
    await nc.close();
  }
}
