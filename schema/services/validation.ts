import { z } from "zod";
import { ValidationError } from "../errors.js";

export const slugSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lower-case letters, digits and single dashes.");

export const nameSchema = z
  .string()
  .trim()
  .min(1, "Must not be empty.")
  .max(200)
  .refine((name) => !name.includes("\u0000") && name.isWellFormed(), "Contains a character that cannot be stored.");

/** Parses input with a zod schema, turning its first issue into a ValidationError. */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.path.join(".") || undefined;
  throw new ValidationError(field ? `${field}: ${issue.message}` : issue.message, field);
}

export function slugify(name: string): string {
  return (
    name
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 64) || "team"
  );
}

/**
 * PostgreSQL stores neither NUL characters nor lone UTF-16 surrogates (in
 * text or jsonb), so input carrying them is refused up front as invalid
 * rather than failing in the database.
 */
export function requireStorable(value: unknown, field = "value"): void {
  if (typeof value === "string") {
    if (value.includes("\u0000") || !value.isWellFormed()) {
      throw new ValidationError(`${field} contains a character that cannot be stored (NUL or a lone surrogate).`, field);
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => requireStorable(item, `${field}[${index}]`));
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      requireStorable(key, field);
      requireStorable(item, `${field}.${key}`);
    }
  }
}
