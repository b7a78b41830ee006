import SchemaBuilder from "@pothos/core";
import ErrorsPlugin from "@pothos/plugin-errors";
import PrismaPlugin from "@pothos/plugin-prisma";
import RelayPlugin from "@pothos/plugin-relay";
import ScopeAuthPlugin from "@pothos/plugin-scope-auth";
import type PrismaTypes from "../prisma/generated/pothos-types.js";
import { getDatamodel } from "../prisma/generated/pothos-types.js";
import type { Context } from "./context.js";
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  ValidationError,
} from "./errors.js";
import { canAccessDirectory, canAccessOrganization } from "./services/access.js";

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  AuthScopes: {
    operator: boolean;
    /** Access to an organization's data, by organization id. */
    organization: string;
    /** Access to a directory's users and groups, by directory id. */
    directory: string;
  };
  Scalars: {
    DateTime: { Input: Date; Output: Date | string };
    JSON: { Input: unknown; Output: unknown };
    BigInt: { Input: bigint; Output: bigint | number | string };
  };
  DefaultFieldNullability: false;
}>({
  // Relay first so that scope checks see decoded global ids.
  plugins: [RelayPlugin, ScopeAuthPlugin, ErrorsPlugin, PrismaPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    // A typed error, so GraphQL clients get ForbiddenError and the SCIM adapter a status.
    unauthorizedError: () => new ForbiddenError("This credential has no access to that."),
    authScopes: (ctx) => ({
      operator: ctx.actor.kind === "operator",
      organization: (organizationId) => canAccessOrganization(ctx.actor, organizationId),
      directory: (directoryId) => canAccessDirectory(ctx.prisma, ctx.actor, directoryId),
    }),
  },
  relay: {
    clientMutationId: "omit",
    cursorType: "String",
    nodeQueryOptions: { nullable: true },
    nodesQueryOptions: { nullable: false },
  },
  prisma: {
    client: (ctx) => ctx.prisma,
    dmmf: getDatamodel(),
    filterConnectionTotalCount: true,
    onUnusedQuery: null,
  },
  errors: {
    defaultTypes: [NotFoundError, ForbiddenError, ConflictError, ValidationError, PreconditionFailedError],
    directResult: true,
  },
});
