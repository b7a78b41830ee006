import type { DirectoryGroup } from "../../prisma/database.js";
import { builder } from "../builder.js";
import { DirectoryGroupType } from "../types/DirectoryGroup.js";
import { PATCH_ERRORS } from "../types/errors.js";
import { replaceDirectoryGroup } from "../services/directoryGroups.js";
import { inTransaction } from "../services/transaction.js";

const ReplaceDirectoryGroupInput = builder.inputType("ReplaceDirectoryGroupInput", {
  fields: (t) => ({
    id: t.globalID({ required: true, for: DirectoryGroupType }),
    resource: t.field({ type: "JSON", required: true, description: "The whole SCIM Group (PUT)." }),
    ifMatch: t.string({ description: "An ETag (If-Match); the change fails with PreconditionFailedError when the group has moved on." }),
  }),
});

const ReplaceDirectoryGroupPayload = builder.objectRef<{ directoryGroup: DirectoryGroup }>("ReplaceDirectoryGroupPayload").implement({
  fields: (t) => ({ directoryGroup: t.expose("directoryGroup", { type: DirectoryGroupType }) }),
});

builder.mutationField("replaceDirectoryGroup", (t) =>
  t.field({
    type: ReplaceDirectoryGroupPayload,
    description: "SCIM PUT /Groups/:id.",
    errors: { types: PATCH_ERRORS },
    args: { input: t.arg({ type: ReplaceDirectoryGroupInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({
      directoryGroup: await inTransaction(ctx.sql, (tx) =>
        replaceDirectoryGroup(tx, ctx.actor, { id: input.id.id, resource: input.resource, ifMatch: input.ifMatch }),
      ),
    }),
  }),
);
