import type { Directory } from "../../prisma/database.js";
import { builder } from "../builder.js";
import { DirectoryType } from "../types/Directory.js";
import { updateDirectory } from "../services/directories.js";
import { inOrmTransaction } from "../services/transaction.js";

const UpdateDirectoryInput = builder.inputType("UpdateDirectoryInput", {
  fields: (t) => ({
    directoryId: t.globalID({ required: true, for: DirectoryType }),
    name: t.string(),
    active: t.boolean({ description: "False refuses the IdP's SCIM calls with 403 until turned back on." }),
  }),
});

const UpdateDirectoryPayload = builder.objectRef<{ directory: Directory }>("UpdateDirectoryPayload").implement({
  fields: (t) => ({ directory: t.expose("directory", { type: DirectoryType }) }),
});

builder.mutationField("updateDirectory", (t) =>
  t.field({
    type: UpdateDirectoryPayload,
    errors: {},
    args: { input: t.arg({ type: UpdateDirectoryInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({
      directory: await inOrmTransaction(ctx.prisma, (tx) =>
        updateDirectory(tx, ctx.actor, { directoryId: input.directoryId.id, name: input.name, active: input.active }),
      ),
    }),
  }),
);
