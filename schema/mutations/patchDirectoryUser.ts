import type { DirectoryUser } from "../../prisma/database.js";
import { builder } from "../builder.js";
import { DirectoryUserType } from "../types/DirectoryUser.js";
import { PATCH_ERRORS } from "../types/errors.js";
import { patchDirectoryUser } from "../services/directoryUsers.js";
import { inTransaction } from "../services/transaction.js";

const PatchDirectoryUserInput = builder.inputType("PatchDirectoryUserInput", {
  fields: (t) => ({
    id: t.globalID({ required: true, for: DirectoryUserType }),
    operations: t.field({ type: "JSON", required: true, description: "A SCIM PatchOp message: {schemas, Operations}." }),
    ifMatch: t.string({ description: "An ETag (If-Match); the change fails with PreconditionFailedError when the user has moved on." }),
  }),
});

const PatchDirectoryUserPayload = builder.objectRef<{ directoryUser: DirectoryUser }>("PatchDirectoryUserPayload").implement({
  fields: (t) => ({ directoryUser: t.expose("directoryUser", { type: DirectoryUserType }) }),
});

builder.mutationField("patchDirectoryUser", (t) =>
  t.field({
    type: PatchDirectoryUserPayload,
    description: "SCIM PATCH /Users/:id: every operation applies, or none.",
    errors: { types: PATCH_ERRORS },
    args: { input: t.arg({ type: PatchDirectoryUserInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({
      directoryUser: await inTransaction(ctx.sql, (tx) =>
        patchDirectoryUser(tx, ctx.actor, { id: input.id.id, operations: input.operations, ifMatch: input.ifMatch }),
      ),
    }),
  }),
);
