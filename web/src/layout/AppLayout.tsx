import { useId, useState, type ReactNode } from "react";
import { NavLink, useNavigate } from "react-router";
import { useSession } from "../session/Session.tsx";

const NAV = [
  { to: "/settings/organization/dsync", label: "Directory Sync" },
  { to: "/settings/organization/members", label: "Members" },
  { to: "/settings/organization/teams", label: "Teams" },
  { to: "/settings/organization/activity", label: "Activity" },
];

export function AppLayout({ children }: { children: ReactNode }) {
  const { viewer, organization, selectOrganization, signOut } = useSession();
  const navigate = useNavigate();
  const switcherId = useId();
  const [signingOut, setSigningOut] = useState(false);
  const organizations = viewer?.organizations ?? [];

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="sidebar">
        <div className="brand">Roster</div>
        {organizations.length > 1 ? (
          <div className="field org-switcher">
            <label htmlFor={switcherId}>Organization</label>
            <select
              id={switcherId}
              className="input"
              value={organization?.slug}
              onChange={(event) => selectOrganization(event.target.value)}
            >
              {organizations.map((o) => (
                <option key={o.id} value={o.slug}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
        ) : (
          organization && <div className="org-name">{organization.name}</div>
        )}
        <nav aria-label="Settings">
          <ul className="nav">
            {NAV.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} className="nav-link">
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="sidebar-footer">
          <div className="viewer" title={viewer?.user.email}>
            {viewer?.user.displayName}
          </div>
          <button
            type="button"
            className="button button-small"
            disabled={signingOut}
            onClick={async () => {
              setSigningOut(true);
              await signOut();
              navigate("/sign-in", { replace: true });
            }}
          >
            Sign out
          </button>
        </div>
      </header>
      <main id="main" className="content" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
