import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

export default defineConfig({
  root: "web",
  plugins: [react()],
  build: { outDir: "../dist/web", emptyOutDir: true },
  server: {
    proxy: {
      "/graphql": "http://localhost:4000",
      "/auth": "http://localhost:4000",
      "/scim": "http://localhost:4000",
    },
  },
});
