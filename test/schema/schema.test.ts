import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { printedSchema, schemaFile } from "../../schema/print.js";

it("the committed schema/schema.graphql matches the code (run `npm run print-schema`)", () => {
  expect(readFileSync(schemaFile, "utf8")).toBe(printedSchema());
});
