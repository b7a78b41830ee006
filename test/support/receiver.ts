import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedRequest {
  body: string;
  headers: IncomingHttpHeaders;
  /** What the receiver answered; null when it never answered. */
  status: number | null;
  receivedAt: number;
}

export interface Receiver {
  url: string;
  requests: ReceivedRequest[];
  /** Decides each answer: a status, or "hang" to never answer. */
  respond: (request: ReceivedRequest) => number | "hang" | Promise<number | "hang">;
  close(): Promise<void>;
}

/** A webhook receiver on a real port that records every request it gets. */
export async function startReceiver(): Promise<Receiver> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      const request: ReceivedRequest = {
        body: Buffer.concat(chunks).toString("utf8"),
        headers: req.headers,
        status: null,
        receivedAt: Date.now(),
      };
      receiver.requests.push(request);
      const answer = await receiver.respond(request);
      if (answer === "hang") return;
      request.status = answer;
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const receiver: Receiver = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    requests: [],
    respond: () => 204,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  return receiver;
}
