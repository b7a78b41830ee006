import type { DirectoryUser } from "../../prisma/database.js";
import { builder } from "../builder.js";
import { DirectoryUserType } from "../types/DirectoryUser.js";
import { PATCH_ERRORS } from "../types/errors.js";
import { replaceDirectoryUser } from "../services/directoryUsers.js";
import { inTransaction } from "../services/transaction.js";

const ReplaceDirectoryUserInput = builder.inputType("ReplaceDirectoryUserInput", {
  fields: (t) => ({
    id: t.globalID({ required: true, for: DirectoryUserType }),
    resource: t.field({ type: "JSON", required: true, description: "The whole SCIM User (PUT)." }),
    ifMatch: t.string({ description: "An ETag (If-Match); the change fails with PreconditionFailedError when the user has moved on." }),
  }),
});

const ReplaceDirectoryUserPayload = builder.objectRef<{ directoryUser: DirectoryUser }>("ReplaceDirectoryUserPayload").implement({
  fields: (t) => ({ directoryUser: t.expose("directoryUser", { type: DirectoryUserType }) }),
});

builder.mutationField("replaceDirectoryUser", (t) =>
  t.field({
    type: ReplaceDirectoryUserPayload,
    description: "SCIM PUT /Users/:id.",
    errors: { types: PATCH_ERRORS },
    args: { input: t.arg({ type: ReplaceDirectoryUserInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({
      directoryUser: await inTransaction(ctx.sql, (tx) =>
        replaceDirectoryUser(tx, ctx.actor, { id: input.id.id, resource: input.resource, ifMatch: input.ifMatch }),
      ),
    }),
  }),
);
