import { builder } from "../builder.js";
import { DirectoryUserType } from "../types/DirectoryUser.js";
import { deleteDirectoryUser } from "../services/directoryUsers.js";
import { inTransaction } from "../services/transaction.js";

const DeleteDirectoryUserInput = builder.inputType("DeleteDirectoryUserInput", {
  fields: (t) => ({
    id: t.globalID({ required: true, for: DirectoryUserType }),
    ifMatch: t.string({ description: "An ETag (If-Match)." }),
  }),
});

const DeleteDirectoryUserPayload = builder.objectRef<{ deletedId: string }>("DeleteDirectoryUserPayload").implement({
  fields: (t) => ({ deletedId: t.exposeID("deletedId", { description: "The SCIM id of the deleted user." }) }),
});

builder.mutationField("deleteDirectoryUser", (t) =>
  t.field({
    type: DeleteDirectoryUserPayload,
    description: "SCIM DELETE /Users/:id.",
    errors: {},
    args: { input: t.arg({ type: DeleteDirectoryUserInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const deleted = await inTransaction(ctx.sql, (tx) =>
        deleteDirectoryUser(tx, ctx.actor, { id: input.id.id, ifMatch: input.ifMatch }),
      );
      return { deletedId: deleted.id };
    },
  }),
);
