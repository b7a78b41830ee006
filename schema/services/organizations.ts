import { z } from "zod";
import type { Actor } from "../context.js";
import { ConflictError } from "../errors.js";
import { requireOperator } from "./access.js";
import type { OrmTx } from "./transaction.js";
import { nameSchema, parseInput, slugSchema } from "./validation.js";

const createOrganizationInput = z.object({ slug: slugSchema, name: nameSchema });

export async function createOrganization(tx: OrmTx, actor: Actor, input: { slug: string; name: string }) {
  requireOperator(actor);
  const data = parseInput(createOrganizationInput, input);
  if (await tx.orm.organization.findUnique({ where: { slug: data.slug }, select: { id: true } })) {
    throw new ConflictError(`An organization with slug "${data.slug}" already exists.`);
  }
  return tx.orm.organization.create({ data });
}
