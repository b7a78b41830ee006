import newman from "newman";

export interface PostmanCheck {
  /** The folder holding the request ("" at the top level). */
  folder: string;
  /** The request's name in the collection. */
  request: string;
  /** The pm.test name, or "test script error" when the script threw outside any pm.test. */
  test: string;
  passed: boolean;
  /** Why it failed (the assertion's message or the script's error). */
  error?: string;
}

export interface PostmanRun {
  /** How many requests newman sent. */
  requests: number;
  checks: PostmanCheck[];
}

/**
 * Runs a Postman collection with newman's library API, unmodified: only the
 * chosen folders, with the given environment variables, no reporter output.
 * Every pm.test result is kept, and so is any test script that threw.
 */
export function runPostmanCollection(
  collection: object,
  options: { folders: string[]; environment: Record<string, string> },
): Promise<PostmanRun> {
  return new Promise((resolve, reject) => {
    const run: PostmanRun = { requests: 0, checks: [] };
    newman
      .run({
        collection: collection as newman.NewmanRunOptions["collection"],
        folder: options.folders,
        environment: {
          values: Object.entries(options.environment).map(([key, value]) => ({ key, value, type: "string" })),
        },
        reporters: [],
      })
      .on("request", (error) => {
        // A refused connection would otherwise only show up as missing checks.
        if (error) reject(error);
        else run.requests += 1;
      })
      .on("assertion", (error, args: any) => {
        run.checks.push({
          ...where(args.item),
          test: args.assertion,
          passed: !error,
          ...(error ? { error: error.message } : {}),
        });
      })
      .on("script", (error, args: any) => {
        if (!error) return;
        run.checks.push({ ...where(args.item), test: `${args.event.listen} script error`, passed: false, error: error.message });
      })
      .on("done", (error) => (error ? reject(error) : resolve(run)));
  });
}

/** The folder and name of a collection item; the collection itself is the parent of top-level items. */
function where(item: PostmanItem) {
  const parent = item.parent();
  return { folder: parent?.parent() ? parent.name : "", request: item.name };
}

interface PostmanItem {
  name: string;
  parent(): PostmanItem | undefined;
}
