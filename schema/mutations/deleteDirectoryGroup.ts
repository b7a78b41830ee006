import { builder } from "../builder.js";
import { DirectoryGroupType } from "../types/DirectoryGroup.js";
import { deleteDirectoryGroup } from "../services/directoryGroups.js";
import { inTransaction } from "../services/transaction.js";

const DeleteDirectoryGroupInput = builder.inputType("DeleteDirectoryGroupInput", {
  fields: (t) => ({
    id: t.globalID({ required: true, for: DirectoryGroupType }),
    ifMatch: t.string({ description: "An ETag (If-Match)." }),
  }),
});

const DeleteDirectoryGroupPayload = builder.objectRef<{ deletedId: string }>("DeleteDirectoryGroupPayload").implement({
  fields: (t) => ({ deletedId: t.exposeID("deletedId", { description: "The SCIM id of the deleted group." }) }),
});

builder.mutationField("deleteDirectoryGroup", (t) =>
  t.field({
    type: DeleteDirectoryGroupPayload,
    description: "SCIM DELETE /Groups/:id.",
    errors: {},
    args: { input: t.arg({ type: DeleteDirectoryGroupInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const deleted = await inTransaction(ctx.sql, (tx) =>
        deleteDirectoryGroup(tx, ctx.actor, { id: input.id.id, ifMatch: input.ifMatch }),
      );
      return { deletedId: deleted.id };
    },
  }),
);
