import { useCallback, useEffect, useState } from 'preact/hooks';
import { statusText } from '../components/DropCard.js';
import { get, messageOf } from '../lib/api.js';
import { usePoll, useTitle } from '../lib/hooks.js';
import type { Drop, DropStats } from '../lib/types.js';

const seconds = (ms: number | null): string =>
  ms === null ? '—' : ms < 10_000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms / 1000)} s`;
const LABELS: Record<string, string> = {
  'drop.started': 'Drop started',
  'stock.low': 'Stock low',
  'drop.sold_out': 'Sold out',
};

function Figure({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div class="figure">
      <dt>{label}</dt>
      <dd>
        <span class="figure-value">{value}</span>
        {note && <span class="figure-note">{note}</span>}
      </dd>
    </div>
  );
}

/** A drop as its creator watches it sell: GET /v1/drops/{id}/stats, read every second. */
export function DashboardPage({ id }: { id: string }) {
  const [drop, setDrop] = useState<Drop>();
  const [stats, setStats] = useState<DropStats>();
  const [error, setError] = useState<string>();
  useTitle(drop ? `Dashboard: ${drop.product.title}` : 'Dashboard');
  const refresh = useCallback(async () => {
    try {
      setStats(await get<DropStats>(`/v1/drops/${encodeURIComponent(id)}/stats`));
      setError(undefined);
    } catch (e) {
      setError(messageOf(e));
    }
  }, [id]);
  useEffect(() => {
    get<Drop>(`/v1/drops/${encodeURIComponent(id)}`).then(setDrop, (e: unknown) => setError(messageOf(e)));
    void refresh();
  }, [id]);
  const over =
    stats &&
    ['sold_out', 'ended', 'cancelled'].includes(stats.status) &&
    stats.notifications.deliveries.every((d) => d.lagMs !== null);
  usePoll(refresh, over ? null : 1_000);
  if (!stats || !drop)
    return error ? (
      <p class="error" role="alert">
        {error}
      </p>
    ) : (
      <p class="loading">Loading…</p>
    );
  const u = stats.units;
  const c = stats.conversion;
  return (
    <section class="dashboard">
      <h1>{drop.product.title}</h1>
      <p class="drop-status">
        {statusText({ ...drop, status: stats.status, stock: { total: u.total, available: u.left } })}
      </p>
      <div class="units" role="img" aria-label={`${u.sold} sold, ${u.held} held, ${u.left} left of ${u.total}`}>
        <span class="units-sold" style={{ flexGrow: u.sold }} />
        <span class="units-held" style={{ flexGrow: u.held }} />
        <span class="units-left" style={{ flexGrow: u.left }} />
      </div>
      <dl class="figures" aria-live="polite">
        <Figure label="Sold" value={String(u.sold)} note={`of ${u.total}`} />
        <Figure label="Held" value={String(u.held)} note="in checkout" />
        <Figure label="Left" value={String(u.left)} />
        <Figure
          label="Orders per second"
          value={stats.orders.perSecond.toFixed(1)}
          note={`average ${stats.orders.averagePerSecond.toFixed(1)}`}
        />
        <Figure label="Orders" value={String(stats.orders.count)} note={`${stats.orders.buyers} buyers`} />
        <Figure label="Time to sell out" value={seconds(stats.timeToSellOutMs)} />
        <Figure label="Slowest notification" value={seconds(stats.notifications.maxLagMs)} />
        <Figure
          label="Followers who bought"
          value={c?.rate == null ? '—' : `${(c.rate * 100).toFixed(1)}%`}
          note={c ? `${c.buyers} of ${c.notifiedFollowers} notified` : 'once the drop starts'}
        />
      </dl>
      <h2>Notifications to followers</h2>
      {stats.notifications.deliveries.length === 0 ? (
        <p class="empty">None yet: followers hear when the drop starts.</p>
      ) : (
        <table class="deliveries">
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Delivered after</th>
            </tr>
          </thead>
          <tbody>
            {stats.notifications.deliveries.map((d) => (
              <tr key={d.type}>
                <td>{LABELS[d.type] ?? d.type}</td>
                <td>{d.lagMs === null ? 'on its way…' : seconds(d.lagMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <p>
        <a href={`/drops/${drop.id}`}>Fan view</a> · <a href="/studio">Studio</a>
      </p>
    </section>
  );
}
