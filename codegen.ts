import type { CodegenConfig } from "@graphql-codegen/cli";

// Offline: the committed SDL is the web UI's only knowledge of the API.
const config: CodegenConfig = {
  schema: "schema/schema.graphql",
  documents: ["web/src/**/*.{ts,tsx}", "!web/src/gql/**"],
  ignoreNoDocuments: false,
  // NodeNext resolution (tsconfig) needs explicit extensions in the generated imports.
  importExtension: ".ts",
  generates: {
    "web/src/gql/": {
      preset: "client",
      presetConfig: { fragmentMasking: { unmaskFunctionName: "getFragmentData" } },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        skipTypename: false,
        scalars: { DateTime: "string", JSON: "unknown", BigInt: "string" },
      },
    },
  },
};

export default config;
