// Follows a meeting live over Server-Sent Events: any event makes the page re-read the meeting
// (events carry no content; the meeting is read through the access policy). EventSource
// reconnects by itself and resumes from the last event it saw.
import { useEffect, useState } from 'react';

export function useLiveUpdates(meetingId: string, enabled: boolean, onEvent: () => void): 'connected' | 'offline' | 'off' {
  const [status, setStatus] = useState<'connected' | 'offline' | 'off'>('off');
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') {
      setStatus('off');
      return;
    }
    const source = new EventSource(`/api/meetings/${encodeURIComponent(meetingId)}/live/events`);
    const handler = () => onEvent();
    for (const type of ['live', 'agenda', 'meeting']) source.addEventListener(type, handler);
    source.onopen = () => setStatus('connected');
    source.onerror = () => setStatus(source.readyState === EventSource.CLOSED ? 'off' : 'offline');
    return () => source.close();
  }, [meetingId, enabled, onEvent]);
  return status;
}

/** The current time, ticking every second while `running`. */
export function useNow(running: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return now;
}
