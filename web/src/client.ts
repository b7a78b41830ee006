import { Client, cacheExchange, fetchExchange } from "urql";

/**
 * The API client: same-origin /graphql with the session cookie. Subscriptions
 * go over fetch (server-sent events), which graphql-yoga serves without a
 * WebSocket server. Pages show cached data at once and refresh it from the
 * network, since IdP pushes change it behind the admin's back.
 */
export function createClient(): Client {
  return new Client({
    url: "/graphql",
    exchanges: [cacheExchange, fetchExchange],
    fetchOptions: { credentials: "same-origin" },
    fetchSubscriptions: true,
    requestPolicy: "cache-and-network",
  });
}
