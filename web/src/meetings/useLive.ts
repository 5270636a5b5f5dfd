// Follows a meeting live over Server-Sent Events: any event makes the page re-read the meeting
// (events carry no content; the meeting is read through the access policy). EventSource
// reconnects by itself; on every (re)connect the server says "hello" with its clock, and the page
// re-reads the meeting, which may have changed while the connection was down.
import { useEffect, useState } from 'react';

// The server's clock less the browser's: the live clock runs by the server's time (DEMO_NOW too).
let serverOffset = 0;
const offsetWatchers = new Set<() => void>();
/** The server's "now", as last told by the stream. */
export const serverNow = (): number => Date.now() + serverOffset;

export function useLiveUpdates(meetingId: string, enabled: boolean, onEvent: () => unknown): 'connected' | 'offline' | 'off' {
  const [status, setStatus] = useState<'connected' | 'offline' | 'off'>('off');
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') {
      setStatus('off');
      return;
    }
    const source = new EventSource(`/api/meetings/${encodeURIComponent(meetingId)}/live/events`);
    const handler = () => onEvent();
    for (const type of ['live', 'agenda', 'meeting']) source.addEventListener(type, handler);
    source.addEventListener('hello', (e) => {
      const now = Date.parse((JSON.parse((e as MessageEvent<string>).data) as { now: string }).now);
      if (Number.isFinite(now)) {
        serverOffset = now - Date.now();
        offsetWatchers.forEach((w) => w());
      }
      // "Live" only once the page shows what the meeting is now.
      void Promise.resolve(onEvent()).finally(() => source.readyState === EventSource.OPEN && setStatus('connected'));
    });
    source.onerror = () => setStatus(source.readyState === EventSource.CLOSED ? 'off' : 'offline');
    return () => source.close();
  }, [meetingId, enabled, onEvent]);
  return status;
}

/** The server's current time, ticking every second while `running`. */
export function useNow(running: boolean): number {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    if (!running) return;
    const tick = () => setNow(serverNow());
    tick();
    const timer = setInterval(tick, 1000);
    offsetWatchers.add(tick);
    return () => {
      clearInterval(timer);
      offsetWatchers.delete(tick);
    };
  }, [running]);
  return now;
}
