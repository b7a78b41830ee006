import { isDeepStrictEqual } from "node:util";
import { InvalidPathError, InvalidSyntaxError, MutabilityError, NoTargetError } from "../errors.js";
import {
  findDefinition,
  isEmpty,
  normalizeComplex,
  normalizeMultiple,
  normalizeSimple,
  normalizeSingleComplex,
  withoutNulls,
} from "./attributeValue.js";
import type { Filter } from "./filterParser.js";
import { deleteField, findKey, getField, isJsonObject, sameName, setField } from "./json.js";
import { parsePatchPath, type PatchPath } from "./path.js";
import type { PatchOperation } from "./patchRequest.js";
import type { AttributeDefinition, ResourceSchema } from "./resourceSchemas.js";
import type { JsonObject } from "./types.js";
import { literalValue, matchesValueFilter } from "./valueFilter.js";

/**
 * Applies PATCH operations (RFC 7644 §3.5.2) to a resource described by a
 * ResourceSchema. Works on a copy, so a throwing operation leaves the
 * caller's resource as it was: all or nothing.
 */

type Change = PatchOperation["op"];

interface Context {
  readonly schema: ResourceSchema;
  readonly resource: JsonObject;
  /** Extension objects this patch touched; their URNs are kept in `schemas` at the end. */
  readonly extensions: Set<string>;
}

/** The object that holds an attribute (the resource or an extension's object) and its definition. */
interface Target {
  readonly holder: JsonObject;
  readonly definition: AttributeDefinition;
}

const OTHER_CORE_SCHEMA = "urn:ietf:params:scim:schemas:core:";

function noAttribute(path: PatchPath): never {
  throw new InvalidPathError(`"${path.text}" names no attribute.`);
}

function extensionHolder(context: Context, urn: string): JsonObject {
  const existing = getField(context.resource, urn);
  const holder = isJsonObject(existing) ? existing : {};
  setField(context.resource, urn, holder);
  context.extensions.add(urn);
  return holder;
}

function resolve(context: Context, path: PatchPath, value: unknown): Target {
  const { schema, resource } = context;
  const inCore = path.schema === undefined || sameName(path.schema, schema.core.id);
  const core = inCore ? findDefinition(schema.core.attributes, path.attribute) : undefined;
  if (core) return { holder: resource, definition: core };

  // Without a URN, an extension attribute is found by its name alone: Entra sends path "manager".
  const extensions = schema.extensions.filter((extension) =>
    path.schema === undefined ? true : sameName(extension.id, path.schema),
  );
  for (const extension of extensions) {
    const definition = findDefinition(extension.attributes, path.attribute);
    if (definition) return { holder: extensionHolder(context, extension.id), definition };
  }
  if (path.schema === undefined || inCore || extensions.length > 0) noAttribute(path);
  if (path.schema.toLowerCase().startsWith(OTHER_CORE_SCHEMA)) noAttribute(path);

  // An extension Roster has no schema for (e.g. an Entra custom extension) is kept as sent.
  const holder = extensionHolder(context, findKey(resource, path.schema) ?? path.schema);
  const current = getField(holder, path.attribute);
  const multiValued = path.filter !== undefined || Array.isArray(current) || Array.isArray(value);
  return { holder, definition: { name: findKey(holder, path.attribute) ?? path.attribute, type: "unknown", multiValued } };
}

function subDefinition(definition: AttributeDefinition, name: string, path: PatchPath): AttributeDefinition {
  if (definition.type === "unknown") return { name, type: "unknown" };
  const sub = definition.type === "complex" ? findDefinition(definition.subAttributes, name) : undefined;
  return sub ?? noAttribute(path);
}

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function isTrue(value: unknown): boolean {
  return value === true || (typeof value === "string" && value.toLowerCase() === "true");
}

/** RFC 7644 §3.5.2: making one value primary makes the others non-primary. */
function keepOnePrimary(elements: unknown[], written: readonly unknown[]): void {
  const winner = written.findLast((element) => isJsonObject(element) && isTrue(getField(element, "primary")));
  if (winner === undefined) return;
  for (const element of elements) {
    if (element === winner || isDeepStrictEqual(element, winner) || !isJsonObject(element)) continue;
    if (isTrue(getField(element, "primary"))) setField(element, "primary", false);
  }
}

/** Writes an attribute, dropping empty and duplicate values of multi-valued ones; an empty value removes it. */
function store({ holder, definition }: Target, value: unknown): void {
  let stored = value;
  if (Array.isArray(value)) {
    stored = value.filter(
      (element, index) => !isEmpty(element) && value.findIndex((other) => isDeepStrictEqual(other, element)) === index,
    );
  }
  if (!isEmpty(stored)) return setField(holder, definition.name, stored);
  // RFC 7644 §3.5.2.2 lets a server refuse to remove a required attribute. Microsoft's
  // validator notes say such removes "should be ignored"; refusing instead tells the IdP
  // its copy and ours differ rather than silently keeping a value it thinks is gone.
  if (definition.required) throw new MutabilityError(`"${definition.name}" is required and cannot be removed.`);
  deleteField(holder, definition.name);
}

function merge(object: JsonObject, changes: JsonObject): void {
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) deleteField(object, key);
    else setField(object, key, value);
  }
}

function setSubAttribute(element: JsonObject, sub: AttributeDefinition, value: unknown, field: string): void {
  const normalized = normalizeSimple(sub, value, field);
  if (isEmpty(normalized)) deleteField(element, sub.name);
  else setField(element, sub.name, normalized);
}

/** Two values are the same when every sub-attribute given in `candidate` matches (strings case-insensitively). */
function sameValue(element: unknown, candidate: unknown): boolean {
  const equal = (a: unknown, b: unknown) =>
    typeof a === "string" && typeof b === "string" ? sameName(a, b) : isDeepStrictEqual(a, b);
  if (!isJsonObject(element) || !isJsonObject(candidate)) return equal(element, candidate);
  return Object.entries(candidate).every(([key, value]) => equal(getField(element, key), value));
}

function applyToAttribute(target: Target, change: Change, value: unknown, path: PatchPath): void {
  const { holder, definition } = target;
  if (change === "remove") {
    // Entra removes chosen values with {"op":"Remove","path":"members","value":[{"value":…}]}.
    if (definition.multiValued && !isEmpty(value)) {
      const doomed = normalizeMultiple(definition, value, path.text);
      const current = asArray(getField(holder, definition.name));
      return store(target, current.filter((element) => !doomed.some((item) => sameValue(element, item))));
    }
    return store(target, undefined);
  }
  if (definition.multiValued) {
    const values = normalizeMultiple(definition, value, path.text);
    const elements = change === "add" ? [...asArray(getField(holder, definition.name)), ...values] : values;
    keepOnePrimary(elements, values);
    return store(target, elements);
  }
  if (definition.type === "complex") {
    // RFC 7644 §3.5.2.1/3: add and replace on a complex attribute set the given
    // sub-attributes and leave the others alone.
    const changes = normalizeSingleComplex(definition, value, path.text);
    if (changes === null) return store(target, undefined);
    const current = getField(holder, definition.name);
    const object = isJsonObject(current) ? current : {};
    merge(object, changes);
    return store(target, object);
  }
  store(target, normalizeSimple(definition, value, path.text));
}

function applyToSubAttribute(
  target: Target,
  change: Change,
  sub: AttributeDefinition,
  value: unknown,
  path: PatchPath,
): void {
  const { holder, definition } = target;
  const current = getField(holder, definition.name);
  const given = change === "remove" ? null : value;
  if (definition.multiValued) {
    // Without a filter the path means every value (RFC 7644 §3.5.2); with none yet, create one.
    const elements = asArray(current);
    if (change !== "remove" && elements.length === 0) elements.push({});
    for (const element of elements) if (isJsonObject(element)) setSubAttribute(element, sub, given, path.text);
    keepOnePrimary(elements, elements);
    return store(target, elements);
  }
  if (current !== undefined && current !== null && !isJsonObject(current)) noAttribute(path);
  const object = isJsonObject(current) ? current : {};
  setSubAttribute(object, sub, given, path.text);
  store(target, object);
}

/** The value a filter of `sub eq literal [and …]` describes, for creating it when nothing matches. */
function describedValue(definition: AttributeDefinition, filter: Filter, path: PatchPath): JsonObject {
  if (filter.op === "and") {
    return Object.assign({}, ...filter.filters.map((part) => describedValue(definition, part, path)));
  }
  if (filter.op === "eq" && filter.value.type !== "null") {
    const sub = subDefinition(definition, filter.path.name, path);
    return { [sub.name]: normalizeSimple(sub, literalValue(filter.value), path.text) };
  }
  throw new NoTargetError(`No value matches "${path.text}", and its filter does not describe one to create.`);
}

function applyFiltered(
  target: Target,
  change: Change,
  filter: Filter,
  sub: AttributeDefinition | undefined,
  value: unknown,
  path: PatchPath,
): void {
  const { holder, definition } = target;
  if (!definition.multiValued) {
    throw new InvalidPathError(`"${path.text}": only multi-valued attributes take a filter.`);
  }
  const current = getField(holder, definition.name);
  if (current !== undefined && current !== null && !Array.isArray(current)) noAttribute(path);
  const elements = asArray(current);
  const matches = elements.filter((element): element is JsonObject => matchesValueFilter(filter, element));

  if (change === "remove") {
    if (matches.length === 0) throw new NoTargetError(`No value matches "${path.text}".`);
    if (sub) for (const match of matches) deleteField(match, sub.name);
    return store(target, sub ? elements : elements.filter((element) => !matches.includes(element as JsonObject)));
  }

  if (matches.length === 0) {
    // RFC 7644 §3.5.2.3 answers noTarget here, but Entra replaces emails[type eq "work"].value
    // on users without a work email and expects it created, so add and replace both create
    // the value the filter describes.
    if (sub && isEmpty(normalizeSimple(sub, value, path.text))) return;
    const created = describedValue(definition, filter, path);
    if (sub) setSubAttribute(created, sub, value, path.text);
    else Object.assign(created, withoutNulls(normalizeComplex(definition, value, path.text)));
    elements.push(created);
    keepOnePrimary(elements, [created]);
    return store(target, elements);
  }

  if (sub) {
    for (const match of matches) setSubAttribute(match, sub, value, path.text);
  } else if (change === "replace") {
    // "all matching record values SHALL be replaced" (RFC 7644 §3.5.2.3).
    const replacement = withoutNulls(normalizeComplex(definition, value, path.text));
    const replaced = matches.map((match) => (elements[elements.indexOf(match)] = structuredClone(replacement)));
    keepOnePrimary(elements, replaced);
    return store(target, elements);
  } else {
    const changes = normalizeComplex(definition, value, path.text);
    for (const match of matches) merge(match, changes);
  }
  keepOnePrimary(elements, matches);
  store(target, elements);
}

function applyAtPath(context: Context, change: Change, path: PatchPath, value: unknown, explicit: boolean): void {
  const target = resolve(context, path, value);
  const sub = path.subAttribute === undefined ? undefined : subDefinition(target.definition, path.subAttribute, path);
  if (target.definition.readOnly || sub?.readOnly) {
    if (explicit) throw new MutabilityError(`"${path.text}" is read-only.`);
    // Okta and Entra echo id, meta, schemas and groups in path-less values.
    return;
  }
  if (path.filter) return applyFiltered(target, change, path.filter, sub, value, path);
  if (sub) return applyToSubAttribute(target, change, sub, value, path);
  applyToAttribute(target, change, value, path);
}

/**
 * The URN when `key` names a whole schema rather than an attribute
 * (Entra: {"urn:…:enterprise:2.0:User": {…}}): a schema this resource type
 * knows, or one listed in the resource's or the value's own `schemas`.
 */
function schemaKey(context: Context, key: string, value: JsonObject): string | undefined {
  const { schema, resource } = context;
  const listed = [...asArray(getField(resource, "schemas")), ...asArray(getField(value, "schemas"))];
  const known = [schema.core.id, ...schema.extensions.map((extension) => extension.id), ...listed];
  return known.find((urn): urn is string => typeof urn === "string" && sameName(urn, key));
}

/** Path-less add/replace: each key of the value is a path (plain, dotted or URN-qualified). */
function applyPathless(context: Context, change: "add" | "replace", value: unknown): void {
  if (!isJsonObject(value)) {
    throw new InvalidSyntaxError(`"${change}" without a path needs an object of attributes as its value.`);
  }
  for (const [key, item] of Object.entries(value)) {
    const urn = schemaKey(context, key, value);
    if (urn !== undefined && isJsonObject(item)) {
      for (const [name, inner] of Object.entries(item)) {
        applyAtPath(context, change, parsePatchPath(`${urn}:${name}`), inner, false);
      }
    } else {
      applyAtPath(context, change, parsePatchPath(key), item, false);
    }
  }
}

/** Lists each touched extension in `schemas` while it has attributes, drops it once empty. */
function syncExtensionSchemas(context: Context): void {
  const { resource } = context;
  for (const urn of context.extensions) {
    const present = !isEmpty(resource[urn]);
    if (!present) delete resource[urn];
    const schemas = getField(resource, "schemas");
    const listed = asArray(schemas).filter((entry) => typeof entry === "string" && sameName(entry, urn));
    if (present && listed.length === 0) setField(resource, "schemas", [...asArray(schemas ?? context.schema.core.id), urn]);
    if (!present && listed.length > 0) {
      setField(resource, "schemas", asArray(schemas).filter((entry) => !listed.includes(entry)));
    }
  }
}

export function applyPatchOperations<T extends JsonObject>(
  schema: ResourceSchema,
  resource: T,
  operations: readonly PatchOperation[],
): T {
  const context: Context = { schema, resource: structuredClone(resource), extensions: new Set() };
  for (const operation of operations) {
    if (operation.op === "remove") applyAtPath(context, "remove", operation.path, operation.value, true);
    else if (operation.path) applyAtPath(context, operation.op, operation.path, operation.value, true);
    else applyPathless(context, operation.op, operation.value);
  }
  syncExtensionSchemas(context);
  return context.resource as T;
}
