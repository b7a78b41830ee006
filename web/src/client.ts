import { Client, cacheExchange, fetchExchange } from "urql";

/**
 * The API client: same-origin /graphql with the session cookie. Subscriptions
 * go over fetch (server-sent events), which graphql-yoga serves without a
 * WebSocket server.
 */
export function createClient(): Client {
  return new Client({
    url: "/graphql",
    exchanges: [cacheExchange, fetchExchange],
    fetchOptions: { credentials: "same-origin" },
    fetchSubscriptions: true,
  });
}
