// Import-only: each file registers its types and fields on the builder.
import { builder } from "./builder.js";
import "./types/scalars.js";
import "./types/errors.js";
import "./types/Query.js";
import "./types/Organization.js";
import "./types/User.js";
import "./types/Membership.js";
import "./types/Team.js";
import "./types/TeamMember.js";
import "./types/GroupMapping.js";
import "./types/Directory.js";
import "./types/DirectoryUser.js";
import "./types/DirectoryGroup.js";
import "./types/DirectoryGroupMember.js";
import "./types/ApiKey.js";
import "./types/Viewer.js";
import "./types/TeamMemberTeam.js";
import "./types/DirectoryUserTeamMemberships.js";
import "./mutations/createOrganization.js";
import "./mutations/createTeam.js";
import "./mutations/createDirectory.js";
import "./mutations/rotateDirectoryToken.js";
import "./mutations/deleteDirectory.js";
import "./mutations/addGroupMapping.js";
import "./mutations/removeGroupMapping.js";
import "./mutations/createApiKey.js";

export const schema = builder.toSchema({ sortSchema: true });
