import { createContext, runInContext } from "node:vm";
import { assert } from "chai";

/**
 * A replay of a Runscope test export (the format of Okta's SCIM SPEC test):
 * request steps with {{var}} placeholders, assertions on the status, the
 * response time or a JSON property, variables extracted from responses, and
 * small scripts. Pause steps only wait for a remote server's eventual
 * consistency, so they are skipped.
 */
export interface RunscopeTest {
  name: string;
  steps: RunscopeStep[];
}

type RunscopeStep =
  | { step_type: "pause"; duration: number }
  | {
      step_type: "request";
      note: string;
      method: string;
      url: string;
      headers: Record<string, string[]>;
      body?: string;
      assertions: RunscopeAssertion[];
      variables: { source: string; name: string; property: string }[];
      scripts: string[];
    };

interface RunscopeAssertion {
  source: "response_status" | "response_json" | "response_time";
  comparison: string;
  value: string | null;
  property?: string;
}

export interface RunscopeResult {
  step: string;
  /** What was checked: the assertion's source, property, comparison and expected value, or "script". */
  check: string;
  passed: boolean;
  /** The value found, or the script's error, for failure messages. */
  actual: string;
}

const PLACEHOLDER = /\{\{\s*([\w.-]+)\s*\}\}/g;

function substitute(text: string, variables: Map<string, string>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => variables.get(name) ?? whole);
}

/** Runscope property paths: dotted keys with array indexes, e.g. Resources[0].emails[0].value. */
export function propertyAt(json: unknown, path: string): unknown {
  let value = json;
  for (const [, key, index] of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key ?? Number(index)];
  }
  return value;
}

function asText(value: unknown): string {
  if (value === undefined) return "undefined";
  return typeof value === "string" ? value : JSON.stringify(value);
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") return Object.keys(value).length === 0;
  return false;
}

function isNumeric(value: unknown): boolean {
  if (typeof value === "number") return Number.isFinite(value);
  return typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value));
}

/** Runscope compares as text unless the comparison is numeric. */
export function compare(comparison: string, actual: unknown, expected: string | null): boolean {
  const target = expected ?? "";
  switch (comparison) {
    case "equal":
      return asText(actual) === target;
    case "equal_number":
      return isNumeric(actual) && Number(actual) === Number(target);
    case "is_less_than":
      return isNumeric(actual) && Number(actual) < Number(target);
    case "is_a_number":
      return isNumeric(actual);
    case "not_empty":
      return !isEmpty(actual);
    case "has_value":
      if (Array.isArray(actual)) return actual.some((item) => asText(item) === target);
      return actual !== null && typeof actual === "object" && Object.values(actual).some((item) => asText(item) === target);
    case "contains":
      if (Array.isArray(actual)) return actual.some((item) => asText(item) === target);
      return typeof actual === "string" && actual.includes(target);
    default:
      throw new Error(`Unsupported Runscope comparison "${comparison}".`);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Runs a step script with Runscope's globals: chai's assert, log, response and variables. */
function runScript(source: string, response: { status: number; body: string; time: number }, variables: Map<string, string>) {
  const context = createContext({
    assert,
    log: () => {},
    response: { status: response.status, body: response.body, response_time: response.time },
    variables: { get: (name: string) => variables.get(name), set: (name: string, value: unknown) => variables.set(name, String(value)) },
  });
  runInContext(source, context, { timeout: 1000 });
}

/** Replays the test's request steps in order and returns one result per assertion and per script. */
export async function runRunscopeTest(test: RunscopeTest, initial: Record<string, string>): Promise<RunscopeResult[]> {
  const variables = new Map(Object.entries(initial));
  const results: RunscopeResult[] = [];
  for (const step of test.steps) {
    if (step.step_type !== "request") continue;
    const name = substitute(step.note, variables);
    const headers = Object.fromEntries(
      Object.entries(step.headers).map(([header, values]) => [header, substitute(values.join(", "), variables)]),
    );
    const started = performance.now();
    const response = await fetch(substitute(step.url, variables), {
      method: step.method,
      headers,
      body: step.body === undefined ? undefined : substitute(step.body, variables),
    });
    const body = await response.text();
    const time = performance.now() - started;
    const json = parseJson(body);

    for (const assertion of step.assertions) {
      const actual =
        assertion.source === "response_status"
          ? response.status
          : assertion.source === "response_time"
            ? time
            : propertyAt(json, assertion.property ?? "");
      const expected = assertion.value === null ? null : substitute(assertion.value, variables);
      results.push({
        step: name,
        check: [assertion.source, assertion.property, assertion.comparison, expected].filter((part) => part != null).join(" "),
        passed: compare(assertion.comparison, actual, expected),
        actual: asText(actual),
      });
    }
    for (const variable of step.variables) {
      if (variable.source !== "response_json") throw new Error(`Unsupported variable source "${variable.source}".`);
      // A missing property leaves the placeholder unreplaced, so later checks against it fail.
      const value = propertyAt(json, variable.property);
      if (value !== undefined) variables.set(variable.name, asText(value));
    }
    for (const script of step.scripts.filter((source) => source.trim() !== "")) {
      try {
        runScript(script, { status: response.status, body, time }, variables);
        results.push({ step: name, check: "script", passed: true, actual: "" });
      } catch (error) {
        results.push({ step: name, check: "script", passed: false, actual: String(error) });
      }
    }
  }
  return results;
}
