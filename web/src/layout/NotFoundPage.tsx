import { Link } from "react-router";
import { EmptyState } from "../ui/States.tsx";

export function NotFoundPage() {
  return (
    <EmptyState title="Page not found">
      <p>
        <Link to="/settings/organization/dsync">Go to Directory Sync</Link>
      </p>
    </EmptyState>
  );
}
