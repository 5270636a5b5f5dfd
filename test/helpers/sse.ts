// Reads a Server-Sent Events stream the way a browser's EventSource does, for tests.
export interface SseEvent {
  id: number | null;
  event: string;
  data: unknown;
  receivedAt: number;
}

export function openSse(url: string, headers: Record<string, string> = {}) {
  const events: SseEvent[] = [];
  const waiters: (() => void)[] = [];
  const controller = new AbortController();
  const ready = (async () => {
    const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
    if (res.status !== 200 || !res.body) throw new Error(`SSE ${url}: ${res.status}`);
    return res;
  })();
  const done = ready
    .then(async (res) => {
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const fields = Object.fromEntries(
            block
              .split('\n')
              .filter((l) => l && !l.startsWith(':'))
              .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trimStart()]),
          );
          if (fields.data === undefined) continue;
          events.push({ id: fields.id ? Number(fields.id) : null, event: fields.event ?? 'message', data: JSON.parse(fields.data), receivedAt: Date.now() });
          waiters.splice(0).forEach((w) => w());
        }
      }
    })
    .catch(() => undefined);
  return {
    events,
    ready,
    /** Resolves when an event matching `pred` has arrived (or rejects after `ms`). */
    async waitFor(pred: (e: SseEvent) => boolean, ms = 5000): Promise<SseEvent> {
      const deadline = Date.now() + ms;
      for (;;) {
        const hit = events.find(pred);
        if (hit) return hit;
        if (Date.now() > deadline) throw new Error(`no matching event within ${ms} ms; got ${JSON.stringify(events)}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
    },
    close() {
      controller.abort();
      return done;
    },
  };
}
