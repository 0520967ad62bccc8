import { useEffect, useState } from 'preact/hooks';
import { countdown, serverNow } from '../lib/format.js';

/**
 * Time left until `to` (by the server's clock), ticking each second; `onDone` runs once it
 * reaches zero. Screen readers are not told every second: the label says what it counts to.
 */
export function Countdown({ to, label, onDone }: { to: string; label: string; onDone?: () => void }) {
  const target = Date.parse(to);
  const [now, setNow] = useState(serverNow());
  useEffect(() => {
    const tick = setInterval(() => setNow(serverNow()), 250);
    return () => clearInterval(tick);
  }, []);
  const done = now >= target;
  useEffect(() => {
    if (done) onDone?.();
  }, [done]);
  return (
    <p class="countdown">
      <span class="countdown-label">{label}</span>{' '}
      <time dateTime={to} aria-hidden="true">
        {countdown(target - now)}
      </time>
    </p>
  );
}
