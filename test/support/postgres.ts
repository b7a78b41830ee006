/** The same server, another database. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A connection for CREATE/DROP DATABASE, which cannot run inside the database being dropped. */
export function adminUrl(serverUrl: string): string {
  return databaseUrl(serverUrl, "postgres");
}
