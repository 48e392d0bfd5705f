import { createBrowserRouter, type RouteObject } from "react-router";
import { AccountRoute } from "./routes/app/account";
import { AccountRemindersRoute } from "./routes/app/account-reminders";
import { AccountCalendarRoute } from "./routes/app/account-calendar";
import { AccountTokensRoute } from "./routes/app/account-tokens";
import { ActedForMeRoute } from "./routes/app/acted-for-me";
import { AuditRoute } from "./routes/app/audit";
import { ChoreRoute } from "./routes/app/chore";
import { EditChoreRoute } from "./routes/app/chore-edit";
import { NewChoreRoute } from "./routes/app/chore-new";
import { CircleRoute } from "./routes/app/circle";
import { CircleSettingsRoute } from "./routes/app/circle-settings";
import { AppRoot } from "./routes/app/root";
import { TasksRoute } from "./routes/app/tasks";
import { WelcomeRoute } from "./routes/app/welcome";
import { SignInRoute } from "./routes/auth/sign-in";
import { SignUpRoute } from "./routes/auth/sign-up";
import { JoinRoute } from "./routes/join";
import { NotFoundRoute } from "./routes/not-found";
import { TabletRoute } from "./routes/tablet";

const appRoutes: RouteObject[] = [
  { path: "/signin", element: <SignInRoute /> },
  { path: "/signup", element: <SignUpRoute /> },
  { path: "/tablet", element: <TabletRoute /> },
  { path: "/join", element: <JoinRoute /> },
  {
    path: "/",
    element: <AppRoot />,
    children: [
      { index: true, element: <TasksRoute /> },
      { path: "welcome", element: <WelcomeRoute /> },
      { path: "chores/new", element: <NewChoreRoute /> },
      { path: "chores/:choreId", element: <ChoreRoute /> },
      { path: "chores/:choreId/edit", element: <EditChoreRoute /> },
      { path: "circle", element: <CircleRoute /> },
      { path: "circle/settings", element: <CircleSettingsRoute /> },
      { path: "audit", element: <AuditRoute /> },
      { path: "account", element: <AccountRoute /> },
      { path: "account/tokens", element: <AccountTokensRoute /> },
      { path: "account/reminders", element: <AccountRemindersRoute /> },
      { path: "account/calendar", element: <AccountCalendarRoute /> },
      { path: "done-for-you", element: <ActedForMeRoute /> },
      { path: "*", element: <NotFoundRoute /> },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(appRoutes);
}
