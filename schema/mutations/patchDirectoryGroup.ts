import type { DirectoryGroup } from "../../prisma/database.js";
import { builder } from "../builder.js";
import { DirectoryGroupType } from "../types/DirectoryGroup.js";
import { PATCH_ERRORS } from "../types/errors.js";
import { patchDirectoryGroup } from "../services/directoryGroups.js";
import { inTransaction } from "../services/transaction.js";

const PatchDirectoryGroupInput = builder.inputType("PatchDirectoryGroupInput", {
  fields: (t) => ({
    id: t.globalID({ required: true, for: DirectoryGroupType }),
    operations: t.field({ type: "JSON", required: true, description: "A SCIM PatchOp message: {schemas, Operations}." }),
    ifMatch: t.string({ description: "An ETag (If-Match); the change fails with PreconditionFailedError when the group has moved on." }),
  }),
});

const PatchDirectoryGroupPayload = builder.objectRef<{ directoryGroup: DirectoryGroup }>("PatchDirectoryGroupPayload").implement({
  fields: (t) => ({ directoryGroup: t.expose("directoryGroup", { type: DirectoryGroupType }) }),
});

builder.mutationField("patchDirectoryGroup", (t) =>
  t.field({
    type: PatchDirectoryGroupPayload,
    description: "SCIM PATCH /Groups/:id: every operation applies, or none.",
    errors: { types: PATCH_ERRORS },
    args: { input: t.arg({ type: PatchDirectoryGroupInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({
      directoryGroup: await inTransaction(ctx.sql, (tx) =>
        patchDirectoryGroup(tx, ctx.actor, { id: input.id.id, operations: input.operations, ifMatch: input.ifMatch }),
      ),
    }),
  }),
);
