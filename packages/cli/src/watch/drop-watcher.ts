import type { Ctx } from '../context.js';
import { FINAL_STATUSES, type DropJson } from '../drop-format.js';
import { ApiError, UnreachableError } from '../errors.js';
import { runSse, type StreamState } from '../sse-client.js';
import { LiveRegion } from '../terminal.js';
import { CreatorStats, statsLine } from './creator-stats.js';
import { RateMeter } from './rate-meter.js';
import {
  clock,
  finalLine,
  frame,
  notificationLine,
  plainLine,
  type NotificationJson,
  type WatchState,
} from './watch-view.js';

export interface WatchOptions {
  intervalMs: number;
  /** Polling may fail this long (server restarting, say) before the watch gives up with exit 5. */
  giveUpMs: number;
}

const STREAM_LABELS: Record<StreamState, string> = {
  connecting: 'connecting…',
  open: 'live',
  unavailable: 'not offered by this server (polling only)',
  unauthorized: 'token refused',
  closed: 'closed',
};

/**
 * Polls the drop (the only stock reading every server offers) and, when logged in, listens to
 * the notification stream beside it. A notification about this drop triggers a poll at once, so
 * the view follows the stream's pace when there is one and the polling interval otherwise.
 * Returns when the drop is sold out, ended or cancelled, or on SIGINT/SIGTERM.
 */
export async function watchDrop(ctx: Ctx, id: string, o: WatchOptions): Promise<void> {
  const { out } = ctx;
  const path = `/v1/drops/${encodeURIComponent(id)}`;
  let drop = await ctx.api.get<DropJson>(path); // a wrong id or no server fails right here (exit 1 / 5)
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const tty = !out.json && out.stdout.isTTY === true && ctx.env.TERM !== 'dumb';
  const region = tty ? new LiveRegion(out.stdout) : undefined;
  const meter = new RateMeter();
  const figures = new CreatorStats(ctx.api, id);
  await figures.refresh();
  let lastFigures = '';
  const startedAt = Date.now();
  const seen = new Set<string>(); // delivery is at-least-once; show each notification once
  let stream = ctx.api.hasToken ? STREAM_LABELS.connecting : 'log in to receive them';
  let problem: string | undefined;
  let lastKey = '';
  let announced = '';
  let wake: () => void = () => {};

  const state = (): WatchState => ({
    drop,
    perSecond: meter.perSecond(),
    now: Date.now(),
    stream,
    problem,
    stats: figures.latest,
  });
  const show = (): void => {
    const s = state();
    const key = `${drop.status}:${drop.stock.available}:${drop.stock.held ?? 0}`;
    if (region) region.render(frame(out.c, s));
    else if (key !== lastKey && out.json) {
      out.line(
        JSON.stringify({
          type: 'drop',
          at: new Date(s.now).toISOString(),
          unitsPerSecond: Number(s.perSecond.toFixed(2)),
          drop,
        }),
      );
    } else if (key !== lastKey) out.line(plainLine(s));
    lastKey = key;
    // The creator's figures (a line or a JSON object of their own), when they changed.
    const shown = figures.latest && !region ? statsLine(out.c, figures.latest) : '';
    if (shown && shown !== lastFigures) {
      out.line(out.json ? JSON.stringify({ type: 'stats', stats: figures.latest }) : `${clock(s.now)} ${shown}`);
    }
    lastFigures = shown;
  };
  const onNotification = (n: NotificationJson): void => {
    if (seen.has(n.id)) return;
    seen.add(n.id);
    if (out.json) out.line(JSON.stringify({ type: 'notification', notification: n }));
    else if (region) region.log(notificationLine(out.c, n, Date.now()));
    else out.line(notificationLine(out.c, n, Date.now()));
    if (n.data.dropId === id) wake();
  };

  const sse = ctx.api.hasToken
    ? runSse({
        url: ctx.api.url('v1/me/notifications/stream'),
        token: ctx.api.token!,
        signal: stop.signal,
        onEvent: (ev) => {
          try {
            onNotification(JSON.parse(ev.data) as NotificationJson);
          } catch {
            /* not a notification document: nothing to show */
          }
        },
        onState: (st) => {
          if (stop.signal.aborted) return;
          stream = STREAM_LABELS[st];
          // Plain mode has no status line: say it on stderr, once per change (not per retry).
          if (!region && !out.json && st !== 'connecting' && stream !== announced) out.note(`notifications: ${stream}`);
          if (st !== 'connecting') announced = stream;
        },
      })
    : Promise.resolve();

  let failingSince: number | undefined;
  try {
    while (!stop.signal.aborted) {
      meter.add(Date.now(), drop.stock.available);
      show();
      if (FINAL_STATUSES.has(drop.status)) break;
      await new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(t);
          stop.signal.removeEventListener('abort', done);
          wake = () => {};
          resolve();
        };
        const t = setTimeout(done, o.intervalMs);
        wake = done;
        stop.signal.addEventListener('abort', done);
      });
      if (stop.signal.aborted) break;
      try {
        drop = await ctx.api.get<DropJson>(path);
        await figures.refresh();
        problem = undefined;
        failingSince = undefined;
      } catch (e) {
        const transient = e instanceof UnreachableError || (e instanceof ApiError && e.problem.status >= 500);
        if (!transient) throw e;
        failingSince ??= Date.now();
        if (Date.now() - failingSince > o.giveUpMs) throw e;
        problem = `${e.message.split(' — ')[0]}; retrying`;
      }
    }
  } finally {
    stop.abort();
    await sse;
    region?.close();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  if (FINAL_STATUSES.has(drop.status) && !out.json) out.note(finalLine(drop, Date.now() - startedAt));
}
