import { EventLog } from "./EventLog.tsx";
import { Webhooks } from "./Webhooks.tsx";

export function ActivityPage() {
  return (
    <div className="page">
      <header className="page-header">
        <h1>Activity</h1>
        <p className="muted">What changed, as it happens, and where Roster sent it.</p>
      </header>
      <EventLog />
      <Webhooks />
    </div>
  );
}
