import type { Directory } from "../../prisma/database.js";
import { builder } from "../builder.js";
import { DirectoryType } from "../types/Directory.js";
import { OrganizationType } from "../types/Organization.js";
import { DirectoryProviderEnum } from "../types/Directory.js";
import { createDirectory } from "../services/directories.js";
import { inOrmTransaction } from "../services/transaction.js";

const CreateDirectoryInput = builder.inputType("CreateDirectoryInput", {
  fields: (t) => ({
    organizationId: t.globalID({ required: true, for: OrganizationType }),
    name: t.string({ required: true }),
    provider: t.field({ type: DirectoryProviderEnum, required: true }),
  }),
});

const CreateDirectoryPayload = builder.objectRef<{ directory: Directory; bearerToken: string }>("CreateDirectoryPayload").implement({
  fields: (t) => ({
    directory: t.expose("directory", { type: DirectoryType }),
    bearerToken: t.exposeString("bearerToken", { description: "Shown once: Roster keeps only its hash." }),
  }),
});

builder.mutationField("createDirectory", (t) =>
  t.field({
    type: CreateDirectoryPayload,
    errors: {},
    args: { input: t.arg({ type: CreateDirectoryInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      inOrmTransaction(ctx.prisma, (tx) =>
        createDirectory(tx, ctx.actor, {
          organizationId: input.organizationId.id,
          name: input.name,
          provider: input.provider,
        }),
      ),
  }),
);
