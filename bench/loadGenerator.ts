import { Pool } from "undici";
import type { PhaseRecorder } from "./stats.js";

export interface ScimResponse {
  status: number;
  body: any;
}

/**
 * An IdP's HTTP client: keep-alive connections from an undici Pool, one per
 * concurrent worker, to one SCIM base URL with its bearer token.
 */
export class ScimLoad {
  private readonly pool: Pool;
  private readonly basePath: string;
  private readonly headers: Record<string, string>;

  constructor(baseUrl: string, token: string, connections: number) {
    const url = new URL(baseUrl);
    this.pool = new Pool(url.origin, { connections, pipelining: 1, keepAliveTimeout: 60_000 });
    this.basePath = url.pathname.replace(/\/+$/, "");
    this.headers = {
      authorization: `Bearer ${token}`,
      accept: "application/scim+json",
      "user-agent": "Okta SCIM Client 1.0.0",
    };
  }

  /** One request, timed and recorded; a status other than `expected` counts as an error. */
  async request(
    recorder: PhaseRecorder,
    method: string,
    path: string,
    body: unknown,
    expected: number,
  ): Promise<ScimResponse> {
    const started = performance.now();
    let status = 0;
    let parsed: any;
    let failure: string | undefined;
    try {
      const response = await this.pool.request({
        method: method as "GET",
        path: this.basePath + path,
        headers: body === undefined ? this.headers : { ...this.headers, "content-type": "application/scim+json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      status = response.statusCode;
      const text = await response.body.text();
      parsed = text ? JSON.parse(text) : undefined;
      if (status !== expected) failure = `${method} ${path}: ${status} ${text.slice(0, 200)}`;
    } catch (error) {
      failure = `${method} ${path}: ${(error as Error).message}`;
    }
    recorder.record(performance.now() - started, failure);
    return { status, body: parsed };
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

/** Runs `work` over every item with `concurrency` workers, each taking the next item when done (as an IdP's job queue does). */
export async function forEachConcurrently<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
