import { builder } from "../builder.js";

/** One HTTP request made for a delivery. */
builder.prismaObject("WebhookAttempt", {
  fields: (t) => ({
    attemptedAt: t.expose("attemptedAt", { type: "DateTime" }),
    durationMs: t.exposeInt("durationMs"),
    responseStatus: t.exposeInt("responseStatus", { nullable: true, description: "Null when no response came back." }),
    error: t.exposeString("error", { nullable: true }),
  }),
});
