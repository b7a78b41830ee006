import type { Directory } from "../../prisma/database.js";
import { builder } from "../builder.js";
import { DirectoryType } from "../types/Directory.js";
import { rotateDirectoryToken } from "../services/directories.js";
import { inOrmTransaction } from "../services/transaction.js";

const RotateDirectoryTokenInput = builder.inputType("RotateDirectoryTokenInput", {
  fields: (t) => ({ directoryId: t.globalID({ required: true, for: DirectoryType }) }),
});

const RotateDirectoryTokenPayload = builder.objectRef<{ directory: Directory; bearerToken: string }>("RotateDirectoryTokenPayload").implement({
  fields: (t) => ({
    directory: t.expose("directory", { type: DirectoryType }),
    bearerToken: t.exposeString("bearerToken", { description: "Shown once; the previous token stops working." }),
  }),
});

builder.mutationField("rotateDirectoryToken", (t) =>
  t.field({
    type: RotateDirectoryTokenPayload,
    errors: {},
    args: { input: t.arg({ type: RotateDirectoryTokenInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      inOrmTransaction(ctx.prisma, (tx) => rotateDirectoryToken(tx, ctx.actor, { directoryId: input.directoryId.id })),
  }),
);
