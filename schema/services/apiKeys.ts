import { z } from "zod";
import type { Actor } from "../context.js";
import { requireOrganizationAccess } from "./access.js";
import { issueSecret } from "./secrets.js";
import type { OrmTx } from "./transaction.js";
import { nameSchema, parseInput } from "./validation.js";

const createApiKeyInput = z.object({ organizationId: z.string().uuid(), name: nameSchema });

/** An organization-scoped key; the key is returned once, only its hash is kept. */
export async function createApiKey(tx: OrmTx, actor: Actor, input: { organizationId: string; name: string }) {
  const data = parseInput(createApiKeyInput, input);
  requireOrganizationAccess(actor, data.organizationId);
  const key = issueSecret("key");
  const apiKey = await tx.orm.apiKey.create({ data: { ...data, keyHash: key.hash, keyPrefix: key.prefix } });
  return { apiKey, key: key.value };
}
