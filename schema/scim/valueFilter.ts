import { getField, isJsonObject } from "./json.js";
import type { CompareOperator, Filter, Literal } from "./filterParser.js";

/**
 * Evaluates the filter of a PATCH value path (`emails[type eq "work"]`)
 * against one value of a multi-valued attribute, in memory. The grammar is
 * filterParser.ts's; query filters run as SQL instead (filter.ts).
 */

export function literalValue(literal: Literal): string | number | boolean | null {
  switch (literal.type) {
    case "null":
      return null;
    case "number":
      return Number(literal.value);
    default:
      return literal.value;
  }
}

function order(a: number | string, b: number | string, operator: CompareOperator): boolean {
  switch (operator) {
    case "eq":
      return a === b;
    case "gt":
      return a > b;
    case "ge":
      return a >= b;
    case "lt":
      return a < b;
    case "le":
      return a <= b;
    default:
      return false;
  }
}

/** Strings compare case-insensitively: no sub-attribute a value path filters on is caseExact. */
function compare(actual: unknown, operator: CompareOperator, literal: Literal): boolean {
  if (operator === "ne") return !compare(actual, "eq", literal);
  const expected = literalValue(literal);
  if (expected === null) return operator === "eq" && (actual === undefined || actual === null);
  if (typeof expected === "boolean") {
    // Stored values may still be the strings "True"/"False" some IdPs send.
    const value = typeof actual === "string" ? actual.toLowerCase() === String(expected) : actual === expected;
    return operator === "eq" && value;
  }
  if (typeof expected === "number") return typeof actual === "number" && order(actual, expected, operator);
  if (typeof actual !== "string") return false;
  const a = actual.toLowerCase();
  const b = expected.toLowerCase();
  switch (operator) {
    case "co":
      return a.includes(b);
    case "sw":
      return a.startsWith(b);
    case "ew":
      return a.endsWith(b);
    default:
      return order(a, b, operator);
  }
}

export function matchesValueFilter(filter: Filter, element: unknown): boolean {
  switch (filter.op) {
    case "and":
      return filter.filters.every((part) => matchesValueFilter(part, element));
    case "or":
      return filter.filters.some((part) => matchesValueFilter(part, element));
    case "not":
      return !matchesValueFilter(filter.filter, element);
    case "valuePath":
      // filterParser rejects a value path inside brackets.
      return false;
    case "pr": {
      const value = isJsonObject(element) ? getField(element, filter.path.name) : undefined;
      return value !== undefined && value !== null && value !== "";
    }
    default:
      return isJsonObject(element) && compare(getField(element, filter.path.name), filter.op, filter.value);
  }
}
