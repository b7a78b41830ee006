import { NavLink } from "react-router";

export function DsyncTabs() {
  return (
    <nav className="tabs" aria-label="Directory Sync">
      <NavLink end to="/settings/organization/dsync" className="tab">
        Configuration
      </NavLink>
      <NavLink to="/settings/organization/dsync/users" className="tab">
        Users
      </NavLink>
      <NavLink to="/settings/organization/dsync/groups" className="tab">
        Groups
      </NavLink>
    </nav>
  );
}
