import type { ApiClient } from '../api-client.js';
import { ApiError } from '../errors.js';
import { formatDuration } from '../duration.js';
import type { Palette } from '../output.js';

/** `GET /v1/drops/{id}/stats`, as far as the watch shows it. */
export interface DropStatsJson {
  units: { total: number; sold: number; held: number; left: number };
  orders: { count: number; buyers: number; perSecond: number; averagePerSecond: number };
  timeToSellOutMs: number | null;
  notifications: { maxLagMs: number | null };
  conversion: { notifiedFollowers: number; buyers: number; rate: number | null } | null;
}

/**
 * The creator's figures beside the stock: read with each poll while the server answers them,
 * and given up quietly at the first 401/403/404 (someone else's drop, or a server without them).
 */
export class CreatorStats {
  private enabled: boolean;
  latest: DropStatsJson | undefined;

  constructor(
    private readonly api: ApiClient,
    private readonly dropId: string,
  ) {
    this.enabled = api.hasToken;
  }

  async refresh(): Promise<void> {
    if (!this.enabled) return;
    try {
      this.latest = await this.api.get<DropStatsJson>(`/v1/drops/${encodeURIComponent(this.dropId)}/stats`, {
        auth: true,
      });
    } catch (e) {
      if (e instanceof ApiError && [401, 403, 404].includes(e.problem.status)) this.enabled = false;
      // Anything else (a restart, a 503) leaves the last figures on screen; the drop poll reports it.
    }
  }
}

/** One line of figures: `sold 40 held 0 left 60 · 3.2 orders/s (avg 1.1) · sold out in 12s · …`. */
export function statsLine(c: Palette, s: DropStatsJson): string {
  const conv = s.conversion;
  const parts = [
    `sold ${s.units.sold} held ${s.units.held} left ${s.units.left}`,
    `${s.orders.perSecond.toFixed(1)} orders/s (avg ${s.orders.averagePerSecond.toFixed(1)})`,
    s.timeToSellOutMs === null ? undefined : `sold out in ${formatDuration(s.timeToSellOutMs)}`,
    s.notifications.maxLagMs === null ? undefined : `followers told within ${s.notifications.maxLagMs} ms`,
    conv === null
      ? undefined
      : `${conv.rate === null ? '–' : `${(conv.rate * 100).toFixed(1)}%`} of ${conv.notifiedFollowers} notified bought`,
  ];
  return c.dim(parts.filter((p) => p !== undefined).join(' · '));
}
