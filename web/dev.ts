// `npm run dev`: the Roster server (restarting on change), the Vite dev server
// with hot reload (proxying /graphql, /auth and /scim to it), and graphql-codegen
// re-run whenever an operation or the schema changes.
import { spawn } from "node:child_process";
import { watch } from "node:fs";
import { generate } from "@graphql-codegen/cli";
import { createServer } from "vite";
import codegenConfig from "../codegen.ts";

async function codegen(): Promise<void> {
  try {
    await generate({ ...codegenConfig, silent: true }, true);
    console.log("[codegen] web/src/gql/ up to date");
  } catch (error) {
    // Keep the dev servers up: the next save usually fixes a half-typed operation.
    console.error(`[codegen] ${error instanceof Error ? error.message : String(error)}`);
  }
}

let timer: NodeJS.Timeout | undefined;
function codegenSoon(file: string | null) {
  if (file?.includes("gql/")) return;
  clearTimeout(timer);
  timer = setTimeout(() => void codegen(), 200);
}

await codegen();
const watchers = [
  watch("web/src", { recursive: true }, (_event, file) => codegenSoon(file)),
  watch("schema/schema.graphql", () => codegenSoon(null)),
];

const server = spawn("npx", ["tsx", "watch", "server/main.ts"], { stdio: "inherit" });
const vite = await createServer({ configFile: "vite.config.ts" });
await vite.listen();
vite.printUrls();

async function stop() {
  for (const watcher of watchers) watcher.close();
  server.kill("SIGTERM");
  await vite.close();
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
server.on("exit", (code) => {
  console.error(`[dev] the Roster server exited (${code}); stopping.`);
  void stop();
});
