import { GraphQLScalarType, Kind, type ValueNode } from "graphql";
import { builder } from "../builder.js";

builder.scalarType("DateTime", {
  description: "An ISO-8601 timestamp.",
  serialize: (value) => (value instanceof Date ? value.toISOString() : String(value)),
  parseValue: (value) => {
    const date = new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new TypeError("DateTime must be an ISO-8601 string.");
    return date;
  },
});

function literalToJson(ast: ValueNode): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return ast.values.map(literalToJson);
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((f) => [f.name.value, literalToJson(f.value)]));
    default:
      throw new TypeError("Variables are not allowed inside JSON literals.");
  }
}

builder.addScalarType(
  "JSON",
  new GraphQLScalarType({
    name: "JSON",
    description: "Any JSON value (SCIM resources and event payloads).",
    serialize: (value) => value,
    parseValue: (value) => value,
    parseLiteral: literalToJson,
  }),
);

builder.scalarType("BigInt", {
  description: "A 64-bit integer, serialized as a string.",
  serialize: (value) => String(value),
  parseValue: (value) => {
    if (typeof value !== "string" && typeof value !== "number") throw new TypeError("BigInt must be a string.");
    return BigInt(value);
  },
});
