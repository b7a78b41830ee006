import { builder } from "../builder.js";
import { DirectoryType } from "../types/Directory.js";
import { deleteDirectory } from "../services/directories.js";
import { inOrmTransaction } from "../services/transaction.js";

const DeleteDirectoryInput = builder.inputType("DeleteDirectoryInput", {
  fields: (t) => ({ directoryId: t.globalID({ required: true, for: DirectoryType }) }),
});

const DeleteDirectoryPayload = builder.objectRef<{ deletedDirectoryId: string }>("DeleteDirectoryPayload").implement({
  fields: (t) => ({ deletedDirectoryId: t.exposeID("deletedDirectoryId") }),
});

builder.mutationField("deleteDirectory", (t) =>
  t.field({
    type: DeleteDirectoryPayload,
    errors: {},
    args: { input: t.arg({ type: DeleteDirectoryInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      await inOrmTransaction(ctx.prisma, (tx) => deleteDirectory(tx, ctx.actor, { directoryId: input.directoryId.id }));
      return { deletedDirectoryId: input.directoryId.id };
    },
  }),
);
