import { operation } from "./execute.js";

/**
 * The GraphQL operations the SCIM adapter runs, one set per resource type.
 * `Resource` names the GraphQL type; `$members` only matters for groups.
 */
export interface ResourceDocuments {
  get: ReturnType<typeof operation>;
  list: ReturnType<typeof operation>;
  create: ReturnType<typeof operation>;
  replace: ReturnType<typeof operation>;
  patch: ReturnType<typeof operation>;
  remove: ReturnType<typeof operation>;
}

const ERROR = `... on Error { code message }`;

function documents(type: "DirectoryUser" | "DirectoryGroup", listField: string, resourceField: string): ResourceDocuments {
  const page = listField === "scimUsers" ? "ScimUserPage" : "ScimGroupPage";
  const fields = type === "DirectoryGroup" ? `scimResource(includeMembers: $members)` : `scimResource`;
  const membersVar = type === "DirectoryGroup" ? `, $members: Boolean!` : "";
  const payload = (verb: string) => `${verb}${type}Payload`;
  const mutation = (verb: string) =>
    operation(`mutation ($input: ${verb[0].toUpperCase()}${verb.slice(1)}${type}Input!${membersVar}) {
      result: ${verb}${type}(input: $input) {
        __typename
        ... on ${payload(verb[0].toUpperCase() + verb.slice(1))} { ${resourceField} { ${fields} } }
        ${ERROR}
      }
    }`);
  return {
    get: operation(`query ($id: ID!${membersVar}) { node(id: $id) { __typename ... on ${type} { ${fields} } } }`),
    list: operation(`query ($directory: ID!, $filter: String, $startIndex: Int, $count: Int, $sortBy: String, $sortOrder: SortOrder${membersVar}) {
      result: ${listField}(directory: $directory, filter: $filter, startIndex: $startIndex, count: $count, sortBy: $sortBy, sortOrder: $sortOrder) {
        __typename
        ... on ${page} { totalResults startIndex resources { ${fields} } }
        ${ERROR}
      }
    }`),
    create: mutation("create"),
    replace: mutation("replace"),
    patch: mutation("patch"),
    remove: operation(`mutation ($input: Delete${type}Input!) {
      result: delete${type}(input: $input) { __typename ${ERROR} }
    }`),
  };
}

export const userDocuments = documents("DirectoryUser", "scimUsers", "directoryUser");
export const groupDocuments = documents("DirectoryGroup", "scimGroups", "directoryGroup");
