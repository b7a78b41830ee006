import express, { type Router } from "express";
import { parse as parseCookies, serialize } from "cookie";
import type { PrismaClient } from "../prisma/database.js";
import { signIn, signOut } from "../schema/services/adminSessions.js";
import { inOrmTransaction } from "../schema/services/transaction.js";
import { SESSION_COOKIE } from "./auth.js";

/** Admin sign-in with an httpOnly, SameSite=Lax session cookie (so other sites cannot ride it). */
export function sessionRouter(prisma: PrismaClient, secureCookies: boolean): Router {
  const router = express.Router();
  router.use(express.json({ limit: "16kb" }));
  router.post("/sign-in", async (req, res) => {
    const { email, password } = (req.body ?? {}) as { email?: unknown; password?: unknown };
    if (typeof email !== "string" || typeof password !== "string") {
      res.status(400).json({ error: "email and password are required." });
      return;
    }
    const session = await inOrmTransaction(prisma, (tx) => signIn(tx, { email, password }));
    if (!session) {
      res.status(401).json({ error: "Wrong email or password." });
      return;
    }
    res.setHeader(
      "Set-Cookie",
      serialize(SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: "lax",
        secure: secureCookies,
        path: "/",
        maxAge: session.maxAgeSeconds,
      }),
    );
    res.status(204).end();
  });
  router.post("/sign-out", async (req, res) => {
    const token = req.headers.cookie ? parseCookies(req.headers.cookie)[SESSION_COOKIE] : undefined;
    if (token) await inOrmTransaction(prisma, (tx) => signOut(tx, token));
    res.setHeader("Set-Cookie", serialize(SESSION_COOKIE, "", { path: "/", maxAge: 0, httpOnly: true, sameSite: "lax" }));
    res.status(204).end();
  });
  return router;
}
