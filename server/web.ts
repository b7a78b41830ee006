import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import express, { type Router } from "express";

export const webDistDir = fileURLToPath(new URL("../dist/web", import.meta.url));

/** Serves the built admin UI; unknown paths get index.html so client-side routes load. */
export function webRouter(distDir = webDistDir): Router {
  const router = express.Router();
  const index = path.join(distDir, "index.html");
  router.use(express.static(distDir, { index: false, maxAge: "1h" }));
  router.get(/.*/, (_req, res) => {
    if (!existsSync(index)) {
      res.status(503).type("text").send("The web UI has not been built: run `npm run build`.");
      return;
    }
    res.setHeader("Cache-Control", "no-cache");
    res.sendFile(index);
  });
  return router;
}
