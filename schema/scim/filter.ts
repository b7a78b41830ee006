/**
 * SCIM filters (RFC 7644 §3.4.2.2) as SQL conditions, so the database does
 * the filtering. A fragment is meant for
 *   WHERE "directoryId" = $1 AND (<fragment>)
 * over the unaliased table "DirectoryUser" or "DirectoryGroup"; it names
 * columns table-qualified ("DirectoryUser"."userNameKey") and binds every
 * value the client sent as a parameter.
 */
import { Prisma } from "../../prisma/database.js";
import { InvalidFilterError } from "../errors.js";
import {
  groupResource,
  resolveAttribute,
  scalarPresent,
  userResource,
  type Attribute,
  type Resource,
  type Scalar,
} from "./filterAttributes.js";
import { parseFilter, type AttributePath, type CompareOperator, type Filter, type Literal } from "./filterParser.js";
import { jsonText } from "./jsonb.js";

/** Boolean SQL selecting the "DirectoryUser" rows that match `filter`; throws InvalidFilterError. */
export function userFilterSql(filter: string): Prisma.Sql {
  return filterSql(userResource, filter);
}

/** Boolean SQL selecting the "DirectoryGroup" rows that match `filter`; throws InvalidFilterError. */
export function groupFilterSql(filter: string): Prisma.Sql {
  return filterSql(groupResource, filter);
}

function filterSql(resource: Resource, text: string): Prisma.Sql {
  return condition(parseFilter(text), (path) => resolveAttribute(resource, path), false);
}

type Scope = (path: AttributePath) => Attribute;
type Leaf = Exclude<Filter, { op: "and" | "or" | "not" | "valuePath" }>;

// Under a `not`, each leaf is made two-valued (NULL → false) so that a missing
// value reads as "does not match", never as unknown. Elsewhere NULL already
// excludes the row as false does, and a bare comparison stays one an index
// can answer (userName eq "…" is every IdP's lookup before a create).
function bool(sql: Prisma.Sql, negated = true): Prisma.Sql {
  return negated ? Prisma.sql`COALESCE(${sql}, false)` : sql;
}

function condition(filter: Filter, scope: Scope, negated: boolean): Prisma.Sql {
  switch (filter.op) {
    case "and":
    case "or":
      return Prisma.sql`(${Prisma.join(
        filter.filters.map((part) => condition(part, scope, negated)),
        ` ${filter.op.toUpperCase()} `,
      )})`;
    case "not":
      return Prisma.sql`(NOT ${condition(filter.filter, scope, !negated)})`;
    case "valuePath": {
      const { collection } = scope(filter.path);
      if (!collection) throw new InvalidFilterError(`${label(filter.path)} is not multi-valued, so "[...]" cannot follow it`);
      return bool(
        collection.some((subAttribute) =>
          condition(
            filter.filter,
            (path) => {
              const scalar = subAttribute(path.name);
              return { scalar, present: scalarPresent(scalar) };
            },
            false,
          ),
        ),
        negated,
      );
    }
    default:
      return leaf(filter, scope(filter.path), negated);
  }
}

function leaf(filter: Leaf, attribute: Attribute, negated: boolean): Prisma.Sql {
  const name = label(filter.path);
  const test = (scalar: Scalar) =>
    bool(filter.op === "pr" ? scalarPresent(scalar) : compare(scalar, filter.op, filter.value, name), negated);
  if (filter.path.subAttribute === undefined && filter.op === "pr") return bool(attribute.present, negated);
  const sub = filter.path.subAttribute ?? attribute.implied;
  if (sub === undefined) {
    if (attribute.values) return bool(attribute.values(test), negated);
    if (!attribute.scalar) throw new InvalidFilterError(`${name} is complex: filter on one of its sub-attributes`);
    return test(attribute.scalar);
  }
  if (attribute.subAttribute) return test(attribute.subAttribute(sub));
  if (!attribute.collection) throw new InvalidFilterError(`${name} has no sub-attributes`);
  const anyElement = bool(attribute.collection.some((subAttribute) => test(subAttribute(sub))), negated);
  const { primaryColumn } = attribute;
  if (primaryColumn && filter.op === "eq" && filter.value.type !== "null" && sub.toLowerCase() === attribute.implied) {
    return Prisma.sql`(${anyElement} OR ${test(primaryColumn)})`;
  }
  return anyElement;
}

function label(path: AttributePath): string {
  return `${path.uri ? `${path.uri}:` : ""}${path.name}${path.subAttribute ? `.${path.subAttribute}` : ""}`;
}

const ORDER: Record<string, string> = { eq: "=", gt: ">", ge: ">=", lt: "<", le: "<=" };

function compare(scalar: Scalar, op: CompareOperator, value: Literal, name: string): Prisma.Sql {
  if (value.type === "null") {
    // RFC 7644 leaves "eq null" undefined; the useful reading is "has no value".
    if (op === "eq") return Prisma.sql`(NOT ${bool(scalarPresent(scalar))})`;
    if (op === "ne") return scalarPresent(scalar);
    throw new InvalidFilterError(`"${op} null" is not a meaningful filter on ${name}`);
  }
  // RFC 7644: ne matches when the values are not identical, which includes "no value".
  if (op === "ne") return Prisma.sql`(NOT ${bool(compare(scalar, "eq", value, name))})`;
  const type = scalar.type === "any" ? value.type : scalar.type;
  switch (type) {
    case "string":
      return compareText(scalar, op, stringValue(value, name));
    case "boolean":
      return compareBoolean(scalar, op, booleanValue(value, name), name);
    case "dateTime":
      return compareTime(scalar, op, timeValue(value, name), name);
    default:
      return compareNumber(scalar, op, numberValue(value, name));
  }
}

function compareText(scalar: Scalar, op: CompareOperator, value: string): Prisma.Sql {
  const text = scalar.json ? jsonText(scalar.sql) : scalar.sql;
  const [left, right] = scalar.caseExact
    ? [text, Prisma.sql`${value}::text`]
    : scalar.lowered
      ? [text, Prisma.sql`${value.toLowerCase()}::text`]
      : [Prisma.sql`lower(${text})`, Prisma.sql`lower(${value}::text)`];
  switch (op) {
    case "co":
      return Prisma.sql`(strpos(${left}, ${right}) > 0)`;
    case "sw":
      return Prisma.sql`starts_with(${left}, ${right})`;
    case "ew":
      return Prisma.sql`(right(${left}, length(${right})) = ${right})`;
    case "eq":
      return Prisma.sql`(${left} = ${right})`;
    default:
      // Byte order, so ordering is the same on every server whatever its locale.
      return Prisma.sql`(${left} COLLATE "C" ${Prisma.raw(ORDER[op])} ${right})`;
  }
}

function compareBoolean(scalar: Scalar, op: CompareOperator, value: boolean, name: string): Prisma.Sql {
  if (op !== "eq") throw new InvalidFilterError(`${op} does not apply to the boolean ${name}`);
  // Stored JSON may hold the strings "True"/"False" that Entra sends.
  return scalar.json
    ? Prisma.sql`(lower(${jsonText(scalar.sql)}) = ${String(value)}::text)`
    : Prisma.sql`(${scalar.sql} = ${value}::boolean)`;
}

function compareTime(scalar: Scalar, op: CompareOperator, value: string, name: string): Prisma.Sql {
  if (!(op in ORDER)) throw new InvalidFilterError(`${op} does not apply to the dateTime ${name}`);
  return Prisma.sql`(${scalar.sql} ${Prisma.raw(ORDER[op])} ${value}::timestamptz)`;
}

/** Untyped JSON against a number: numerically when the JSON is a number, else as text. */
function compareNumber(scalar: Scalar, op: CompareOperator, value: string): Prisma.Sql {
  if (!(op in ORDER)) return compareText({ ...scalar, caseExact: true }, op, value);
  const numeric = Prisma.sql`CASE WHEN jsonb_typeof(${scalar.sql}) = 'number' THEN (${jsonText(scalar.sql)})::numeric END`;
  const ordered = Prisma.sql`(${numeric} ${Prisma.raw(ORDER[op])} ${value}::numeric)`;
  return op === "eq" ? Prisma.sql`(${ordered} OR ${jsonText(scalar.sql)} = ${value}::text)` : ordered;
}

function stringValue(value: Literal, name: string): string {
  if (value.type === "string" || value.type === "number") return String(value.value);
  throw new InvalidFilterError(`${name} is a string; compare it with a string`);
}

function booleanValue(value: Literal, name: string): boolean {
  if (value.type === "boolean") return value.value;
  // Entra sends booleans as the strings "True"/"False".
  if (value.type === "string" && /^(true|false)$/i.test(value.value)) return value.value.toLowerCase() === "true";
  throw new InvalidFilterError(`${name} is a boolean; compare it with true or false`);
}

function numberValue(value: Literal, name: string): string {
  // numeric would overflow where a double does, so keep within doubles.
  if (value.type === "number" && Number.isFinite(Number(value.value))) return value.value;
  throw new InvalidFilterError(`${name}: number out of range`);
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?([Zz]|[+-](\d{2})(?::?(\d{2}))?)?$/;

/**
 * An xsd:dateTime (RFC 7643 §2.3.5) as text PostgreSQL parses exactly.
 * Checked here because a bad date would otherwise be a SQL error; a missing
 * offset means UTC rather than the server's time zone.
 */
function timeValue(value: Literal, name: string): string {
  const match = value.type === "string" ? DATE_TIME.exec(value.value.trim()) : null;
  const invalid = () => new InvalidFilterError(`${name} is a dateTime; "${value.type === "string" ? value.value : value.type}" is not one`);
  if (!match) throw invalid();
  const [, year, month, day, hour = "00", minute = "00", second = "00", fraction = "", zone = "Z", zoneHour = "0", zoneMinute = "0"] = match;
  const parts = [year, month, day, hour, minute, second].map(Number);
  const date = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2], parts[3], parts[4], parts[5]));
  const roundTrip = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()];
  if (roundTrip.some((part, index) => part !== parts[index]) || Number(zoneHour) > 15 || Number(zoneMinute) > 59) throw invalid();
  return `${year}-${month}-${day}T${hour}:${minute}:${second}${fraction}${zone}`;
}
