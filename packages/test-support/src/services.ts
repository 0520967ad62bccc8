/**
 * Tests that need PostgreSQL, Redis or RabbitMQ use the services on 127.0.0.1. Under CI a
 * missing one fails the run (its suites stay and every test fails with the reason);
 * elsewhere its suites are left out, with one loud line.
 */
export function mustHaveServices(): boolean {
  return process.env.CI === 'true' || process.env.CI === '1';
}

const warned = new Set<string>();

/** Whether suites needing `service` run: yes when it answered, or under CI (where they then fail). */
export function useService(service: string, problem: string | null): boolean {
  if (!problem) return true;
  if (mustHaveServices()) return true;
  if (!warned.has(service)) {
    warned.add(service);
    const why = `${service} not reachable (${problem})`;
    console.warn(`\n!!! ${why}: its suites are SKIPPED (CI=true makes this a failure)\n`);
  }
  return false;
}
