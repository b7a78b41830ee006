import { ActivityPage } from "./activity/ActivityPage.tsx";
import { BrowserRouter, Navigate, Route, Routes } from "react-router";
import { DirectoryGroupDetailPage } from "./dsync/DirectoryGroupDetailPage.tsx";
import { DirectoryGroupsPage } from "./dsync/DirectoryGroupsPage.tsx";
import { DirectorySyncPage } from "./dsync/DirectorySyncPage.tsx";
import { DirectoryUserDetailPage } from "./dsync/DirectoryUserDetailPage.tsx";
import { DirectoryUsersPage } from "./dsync/DirectoryUsersPage.tsx";
import { NotFoundPage } from "./layout/NotFoundPage.tsx";
import { RequireSignIn } from "./layout/RequireSignIn.tsx";
import { MembersPage } from "./members/MembersPage.tsx";
import { ClientProvider } from "./session/ClientProvider.tsx";
import { SessionProvider } from "./session/Session.tsx";
import { SignInPage } from "./session/SignInPage.tsx";
import { TeamDetailPage } from "./teams/TeamDetailPage.tsx";
import { TeamsPage } from "./teams/TeamsPage.tsx";

export function App() {
  return (
    <ClientProvider>
      <SessionProvider>
        <BrowserRouter>
          <Routes>
            <Route path="/sign-in" element={<SignInPage />} />
            <Route element={<RequireSignIn />}>
              <Route index element={<Navigate to="/settings/organization/dsync" replace />} />
              <Route path="/settings/organization">
                <Route index element={<Navigate to="dsync" replace />} />
                <Route path="dsync" element={<DirectorySyncPage />} />
                <Route path="dsync/users" element={<DirectoryUsersPage />} />
                <Route path="dsync/users/:id" element={<DirectoryUserDetailPage />} />
                <Route path="dsync/groups" element={<DirectoryGroupsPage />} />
                <Route path="dsync/groups/:id" element={<DirectoryGroupDetailPage />} />
                <Route path="members" element={<MembersPage />} />
                <Route path="teams" element={<TeamsPage />} />
                <Route path="teams/:id" element={<TeamDetailPage />} />
                <Route path="activity" element={<ActivityPage />} />
              </Route>
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </SessionProvider>
    </ClientProvider>
  );
}
