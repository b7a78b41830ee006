import { builder } from "../builder.js";

// Subscriptions are served over server-sent events (graphql-yoga: Accept: text/event-stream).
builder.subscriptionType({});
