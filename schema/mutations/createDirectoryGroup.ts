import type { DirectoryGroup } from "../../prisma/database.js";
import { builder } from "../builder.js";
import { DirectoryType } from "../types/Directory.js";
import { DirectoryGroupType } from "../types/DirectoryGroup.js";
import { PATCH_ERRORS } from "../types/errors.js";
import { createDirectoryGroup } from "../services/directoryGroups.js";
import { inTransaction } from "../services/transaction.js";

const CreateDirectoryGroupInput = builder.inputType("CreateDirectoryGroupInput", {
  fields: (t) => ({
    directoryId: t.globalID({ required: true, for: DirectoryType }),
    resource: t.field({ type: "JSON", required: true, description: "A SCIM Group resource as the IdP sent it." }),
  }),
});

const CreateDirectoryGroupPayload = builder.objectRef<{ directoryGroup: DirectoryGroup }>("CreateDirectoryGroupPayload").implement({
  fields: (t) => ({ directoryGroup: t.expose("directoryGroup", { type: DirectoryGroupType }) }),
});

builder.mutationField("createDirectoryGroup", (t) =>
  t.field({
    type: CreateDirectoryGroupPayload,
    description: "SCIM POST /Groups.",
    errors: { types: PATCH_ERRORS },
    args: { input: t.arg({ type: CreateDirectoryGroupInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({
      directoryGroup: await inTransaction(ctx.sql, (tx) =>
        createDirectoryGroup(tx, ctx.actor, { directoryId: input.directoryId.id, resource: input.resource }),
      ),
    }),
  }),
);
