import { createHmac } from "node:crypto";

/**
 * The header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`,
 * keyed with the endpoint's secret. Signing the timestamp with the body lets
 * receivers refuse old requests (README, "Webhooks", has the verifier).
 */
export const SIGNATURE_HEADER = "roster-signature";

export function signWebhook(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): string {
  const signature = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
  return `t=${timestamp},v1=${signature}`;
}
