import { z } from "zod";
import { ValidationError } from "../errors.js";

export const slugSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lower-case letters, digits and single dashes.");

export const nameSchema = z.string().trim().min(1, "Must not be empty.").max(200);

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
