import { builder } from "../builder.js";

// A team membership read from the user's side (see DirectoryUser.teamMemberships) needs its team.
builder.prismaObjectField("TeamMember", "team", (t) => t.relation("team"));
