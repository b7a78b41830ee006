import type { DirectoryUser } from "../../prisma/database.js";
import { builder } from "../builder.js";
import { DirectoryType } from "../types/Directory.js";
import { DirectoryUserType } from "../types/DirectoryUser.js";
import { PATCH_ERRORS } from "../types/errors.js";
import { createDirectoryUser } from "../services/directoryUsers.js";
import { inTransaction } from "../services/transaction.js";

const CreateDirectoryUserInput = builder.inputType("CreateDirectoryUserInput", {
  fields: (t) => ({
    directoryId: t.globalID({ required: true, for: DirectoryType }),
    resource: t.field({ type: "JSON", required: true, description: "A SCIM User resource as the IdP sent it." }),
  }),
});

const CreateDirectoryUserPayload = builder.objectRef<{ directoryUser: DirectoryUser }>("CreateDirectoryUserPayload").implement({
  fields: (t) => ({ directoryUser: t.expose("directoryUser", { type: DirectoryUserType }) }),
});

builder.mutationField("createDirectoryUser", (t) =>
  t.field({
    type: CreateDirectoryUserPayload,
    description: "SCIM POST /Users.",
    errors: { types: PATCH_ERRORS },
    args: { input: t.arg({ type: CreateDirectoryUserInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({
      directoryUser: await inTransaction(ctx.sql, (tx) =>
        createDirectoryUser(tx, ctx.actor, { directoryId: input.directoryId.id, resource: input.resource }),
      ),
    }),
  }),
);
