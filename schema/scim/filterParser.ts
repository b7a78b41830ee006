/**
 * SCIM filter grammar (RFC 7644 §3.4.2.2) to a syntax tree.
 *
 * Hand-written because the npm parsers we checked (scim2-parse-filter,
 * scimmy) reject the unquoted values Microsoft's tools send
 * (`externalId eq jyoung`) or give `emails[type eq "work"].value eq "x"`
 * and `not (a or b)` the wrong meaning.
 */
import { InvalidFilterError } from "../errors.js";

export const COMPARE_OPERATORS = ["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le"] as const;
export type CompareOperator = (typeof COMPARE_OPERATORS)[number];

/** `uri` is the schema URN when the name was qualified; names keep the client's spelling. */
export interface AttributePath {
  uri?: string;
  name: string;
  subAttribute?: string;
}

/** Numbers keep their source text so SQL gets them without float rounding. */
export type Literal =
  | { type: "string"; value: string }
  | { type: "number"; value: string }
  | { type: "boolean"; value: boolean }
  | { type: "null" };

export type Filter =
  | { op: "and" | "or"; filters: Filter[] }
  | { op: "not"; filter: Filter }
  | { op: "pr"; path: AttributePath }
  | { op: CompareOperator; path: AttributePath; value: Literal }
  /** `emails[type eq "work"]`; the inner paths name sub-attributes of one element. */
  | { op: "valuePath"; path: AttributePath; filter: Filter };

// Parentheses, `not` and brackets nest; the limit keeps hostile input from exhausting the stack.
const MAX_DEPTH = 64;
// Bounds the SQL a filter turns into (PostgreSQL takes at most 65535 parameters).
const MAX_CONDITIONS = 1000;
const NAME = /^(?:\$ref|[A-Za-z][\w-]*)$/;
const URN = /^urn:[\w.-]+(?::[\w.-]+)+$/i;
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** Splits `[URI ":"] ATTRNAME ["." subAttr]`; undefined when `text` is not such a path. */
export function readAttributePath(text: string): AttributePath | undefined {
  let uri: string | undefined;
  let rest = text;
  if (/^urn:/i.test(text)) {
    // The URN's own dots ("2.0") come before its last colon, the attribute after it.
    const colon = text.lastIndexOf(":");
    uri = text.slice(0, colon);
    rest = text.slice(colon + 1);
    if (!URN.test(uri)) return undefined;
  }
  const parts = rest.split(".");
  if (parts.length > 2 || !parts.every((part) => NAME.test(part))) return undefined;
  const path: AttributePath = { name: parts[0] };
  if (uri !== undefined) path.uri = uri;
  if (parts.length === 2) path.subAttribute = parts[1];
  return path;
}

export function parseFilter(text: string): Filter {
  const parser = new Parser(text);
  const filter = parser.expression(false);
  parser.expectEnd();
  return filter;
}

type TokenKind = "word" | "string" | "(" | ")" | "[" | "]";

interface Token {
  kind: TokenKind;
  text: string;
  start: number;
  end: number;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  // A word runs to the next space, bracket or quote, so bare values like
  // 2015-10-10T14:38:21.8617979-07:00 or 54D382A4-2050-… stay whole.
  const pattern = /\s+|[()[\]]|"(?:[^"\\]|\\.)*"|[^\s()[\]"]+/y;
  let position = 0;
  while (position < text.length) {
    pattern.lastIndex = position;
    const match = pattern.exec(text);
    // Every character starts some token except a quote that never closes.
    if (!match) throw new InvalidFilterError(`Unterminated string at position ${position + 1} in filter`);
    const [lexeme] = match;
    position = pattern.lastIndex;
    if (/^\s/.test(lexeme)) continue;
    const kind: TokenKind = lexeme[0] === '"' ? "string" : "()[]".includes(lexeme) ? (lexeme as TokenKind) : "word";
    tokens.push({ kind, text: lexeme, start: match.index, end: position });
  }
  return tokens;
}

class Parser {
  private readonly tokens: Token[];
  private index = 0;
  private depth = 0;
  private conditions = 0;

  constructor(private readonly text: string) {
    this.tokens = tokenize(text);
    if (this.tokens.length === 0) throw new InvalidFilterError("The filter is empty");
  }

  /** `or` binds loosest, then `and` (RFC 7644 §3.4.2.2 precedence). */
  expression(inValuePath: boolean): Filter {
    return this.list("or", () => this.list("and", () => this.term(inValuePath)));
  }

  expectEnd() {
    const token = this.peek();
    if (token) throw this.unexpected(token);
  }

  private list(op: "and" | "or", operand: () => Filter): Filter {
    const filters = [operand()];
    while (this.peekKeyword(op)) {
      this.index++;
      filters.push(operand());
    }
    return filters.length === 1 ? filters[0] : { op, filters };
  }

  private term(inValuePath: boolean): Filter {
    const token = this.next("an attribute, \"(\" or \"not\"");
    if (token.kind === "(") return this.nested(() => this.enclosed(inValuePath, ")"));
    if (token.kind !== "word") throw this.unexpected(token);
    // Only "not (" negates, so an attribute that happens to be called "not" still parses.
    if (token.text.toLowerCase() === "not" && this.peek()?.kind === "(") {
      this.index++;
      return this.nested(() => ({ op: "not", filter: this.enclosed(inValuePath, ")") }));
    }
    const path = readAttributePath(token.text);
    if (!path) throw new InvalidFilterError(`"${token.text}" at position ${token.start + 1} is not an attribute path`);
    if (inValuePath && (path.uri !== undefined || path.subAttribute !== undefined)) {
      throw new InvalidFilterError(`Inside "[...]" only sub-attribute names may be used, not "${token.text}"`);
    }
    if (this.peek()?.kind === "[") return this.valuePath(path, inValuePath);
    return this.condition(path);
  }

  private valuePath(path: AttributePath, inValuePath: boolean): Filter {
    const open = this.next("\"[\"");
    if (inValuePath) throw new InvalidFilterError(`Value filters cannot be nested (position ${open.start + 1})`);
    if (path.subAttribute !== undefined) throw this.unexpected(open);
    let filter = this.nested(() => this.enclosed(true, "]"));
    const close = this.tokens[this.index - 1];
    // Entra ID's `emails[type eq "work"].value eq "x"`: the condition applies to the same element.
    const after = this.peek();
    if (after?.kind === "word" && after.start === close.end && after.text.startsWith(".")) {
      this.index++;
      const name = after.text.slice(1);
      if (!NAME.test(name)) throw new InvalidFilterError(`"${after.text}" is not a sub-attribute`);
      const condition = this.condition({ name });
      filter = filter.op === "and" ? { op: "and", filters: [...filter.filters, condition] } : { op: "and", filters: [filter, condition] };
    }
    return { op: "valuePath", path, filter };
  }

  private condition(path: AttributePath): Filter {
    if (++this.conditions > MAX_CONDITIONS) throw new InvalidFilterError(`The filter has more than ${MAX_CONDITIONS} conditions`);
    const token = this.next("an operator");
    const op = token.text.toLowerCase();
    if (token.kind === "word" && op === "pr") return { op: "pr", path };
    if (token.kind !== "word" || !(COMPARE_OPERATORS as readonly string[]).includes(op)) {
      throw new InvalidFilterError(`"${token.text}" at position ${token.start + 1} is not a filter operator`);
    }
    return { op: op as CompareOperator, path, value: this.literal() };
  }

  private literal(): Literal {
    const token = this.next("a value");
    if (token.kind === "string") {
      try {
        return { type: "string", value: JSON.parse(token.text) as string };
      } catch {
        throw new InvalidFilterError(`Invalid string ${token.text} at position ${token.start + 1}`);
      }
    }
    if (token.kind !== "word") throw this.unexpected(token);
    const lower = token.text.toLowerCase();
    if (lower === "true" || lower === "false") return { type: "boolean", value: lower === "true" };
    if (lower === "null") return { type: "null" };
    if (NUMBER.test(token.text)) return { type: "number", value: token.text };
    // RFC 7644 wants strings quoted; Microsoft's tools send them bare.
    return { type: "string", value: token.text };
  }

  private enclosed(inValuePath: boolean, close: ")" | "]"): Filter {
    const filter = this.expression(inValuePath);
    const token = this.next(`"${close}"`);
    if (token.kind !== close) throw this.unexpected(token);
    return filter;
  }

  private nested<T>(parse: () => T): T {
    if (++this.depth > MAX_DEPTH) throw new InvalidFilterError(`The filter nests deeper than ${MAX_DEPTH} levels`);
    const result = parse();
    this.depth--;
    return result;
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  private peekKeyword(keyword: string): boolean {
    const token = this.peek();
    return token?.kind === "word" && token.text.toLowerCase() === keyword;
  }

  private next(expected: string): Token {
    const token = this.tokens[this.index++];
    if (!token) throw new InvalidFilterError(`The filter "${this.text}" ends where ${expected} was expected`);
    return token;
  }

  private unexpected(token: Token): InvalidFilterError {
    return new InvalidFilterError(`Unexpected "${token.text}" at position ${token.start + 1} in filter`);
  }
}
