import type { ReactNode } from "react";
import { Link } from "react-router";
import { EmptyState } from "../ui/States.tsx";
import { DsyncTabs } from "./DsyncTabs.tsx";

/** The frame of Directory Sync's sub-pages; sends the admin to configure first when there is no directory. */
export function DsyncPage(props: { title: string; hasDirectory: boolean | undefined; children: ReactNode }) {
  return (
    <div className="page">
      <header className="page-header">
        <h1>Directory Sync</h1>
        <p className="muted">{props.title} pushed by your identity provider.</p>
      </header>
      <DsyncTabs />
      {props.hasDirectory === false ? (
        <EmptyState title="Directory Sync is not configured">
          <p>
            <Link to="/settings/organization/dsync">Configure a directory</Link> first.
          </p>
        </EmptyState>
      ) : (
        <section className="card" aria-label={props.title}>
          {props.children}
        </section>
      )}
    </div>
  );
}
