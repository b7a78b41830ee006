/** A GraphQL subscription read over server-sent events, as a browser or integrator would. */
export interface SseSubscription {
  /** The next result ({ data } or { errors }); fails after `timeoutMs`. */
  next(timeoutMs?: number): Promise<{ data?: any; errors?: { message: string }[] }>;
  close(): void;
}

export async function subscribeSse(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  key: string | null,
): Promise<SseSubscription> {
  const abort = new AbortController();
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "text/event-stream",
      ...(key ? { authorization: `Bearer ${key}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
    signal: abort.signal,
  });
  if (!response.ok || !response.body) throw new Error(`subscription: HTTP ${response.status}`);
  const results: any[] = [];
  const waiters: (() => void)[] = [];
  let ended = false;
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = message
            .split("\n")
            .filter((line) => line.startsWith("data:"))
            .map((line) => line.slice(5).trim())
            .join("\n");
          const event = /^event: ?(.*)$/m.exec(message)?.[1];
          if (data && event !== "complete") results.push(JSON.parse(data));
          waiters.splice(0).forEach((wake) => wake());
        }
      }
    } catch {
      // Closed by close().
    } finally {
      ended = true;
      waiters.splice(0).forEach((wake) => wake());
    }
  })();
  return {
    async next(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (results.length === 0) {
        if (ended) throw new Error("The subscription ended.");
        const left = deadline - Date.now();
        if (left <= 0) throw new Error("No subscription result in time.");
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return results.shift();
    },
    close() {
      abort.abort();
    },
  };
}
