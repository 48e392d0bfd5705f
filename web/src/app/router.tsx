import { lazy, type ReactNode } from "react";
import { BrowserRouter, Route, Routes } from "react-router";
import { PageSuspense } from "../components/status";
import { AppRoot } from "./routes/app/root";
import { TasksRoute } from "./routes/app/tasks";

/**
 * A page fetched when first opened. Only the tasks page and the signed-in shell are in
 * the first download (what a member opens the app for, docs/performance.md); every other
 * page, with the libraries only it uses (forms, QR codes, date parsing), is its own chunk.
 */
function lazyPage<K extends string>(load: () => Promise<Record<K, () => ReactNode>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

const SignInRoute = lazyPage(() => import("./routes/auth/sign-in"), "SignInRoute");
const SignUpRoute = lazyPage(() => import("./routes/auth/sign-up"), "SignUpRoute");
const SsoCallbackRoute = lazyPage(() => import("./routes/auth/sso-callback"), "SsoCallbackRoute");
const ClaimRoute = lazyPage(() => import("./routes/auth/claim"), "ClaimRoute");
const TabletRoute = lazyPage(() => import("./routes/tablet"), "TabletRoute");
const JoinRoute = lazyPage(() => import("./routes/join"), "JoinRoute");
const WelcomeRoute = lazyPage(() => import("./routes/app/welcome"), "WelcomeRoute");
const NewChoreRoute = lazyPage(() => import("./routes/app/chore-new"), "NewChoreRoute");
const ChoreRoute = lazyPage(() => import("./routes/app/chore"), "ChoreRoute");
const EditChoreRoute = lazyPage(() => import("./routes/app/chore-edit"), "EditChoreRoute");
const CircleRoute = lazyPage(() => import("./routes/app/circle"), "CircleRoute");
const CircleSettingsRoute = lazyPage(() => import("./routes/app/circle-settings"), "CircleSettingsRoute");
const AuditRoute = lazyPage(() => import("./routes/app/audit"), "AuditRoute");
const AccountRoute = lazyPage(() => import("./routes/app/account"), "AccountRoute");
const AccountTokensRoute = lazyPage(() => import("./routes/app/account-tokens"), "AccountTokensRoute");
const AccountRemindersRoute = lazyPage(() => import("./routes/app/account-reminders"), "AccountRemindersRoute");
const AccountCalendarRoute = lazyPage(() => import("./routes/app/account-calendar"), "AccountCalendarRoute");
const MemberPointsRoute = lazyPage(() => import("./routes/app/member-points"), "MemberPointsRoute");
const RewardsRoute = lazyPage(() => import("./routes/app/rewards"), "RewardsRoute");
// With Chart.js: the largest library of any page, loaded only here (decision 0029).
const StatisticsRoute = lazyPage(() => import("./routes/app/statistics"), "StatisticsRoute");
const CalendarRoute = lazyPage(() => import("./routes/app/calendar"), "CalendarRoute");
const ApprovalsRoute = lazyPage(() => import("./routes/app/approvals"), "ApprovalsRoute");
const ActedForMeRoute = lazyPage(() => import("./routes/app/acted-for-me"), "ActedForMeRoute");
const NotFoundRoute = lazyPage(() => import("./routes/not-found"), "NotFoundRoute");

export function AppRoutes() {
  return (
    <PageSuspense>
      <Routes>
        <Route path="/signin" element={<SignInRoute />} />
        <Route path="/signup" element={<SignUpRoute />} />
        <Route path="/sso/callback" element={<SsoCallbackRoute />} />
        <Route path="/claim" element={<ClaimRoute />} />
        <Route path="/tablet" element={<TabletRoute />} />
        <Route path="/join" element={<JoinRoute />} />
        <Route path="/" element={<AppRoot />}>
          <Route index element={<TasksRoute />} />
          <Route path="welcome" element={<WelcomeRoute />} />
          <Route path="chores/new" element={<NewChoreRoute />} />
          <Route path="chores/:choreId" element={<ChoreRoute />} />
          <Route path="chores/:choreId/edit" element={<EditChoreRoute />} />
          <Route path="circle" element={<CircleRoute />} />
          <Route path="circle/settings" element={<CircleSettingsRoute />} />
          <Route path="audit" element={<AuditRoute />} />
          <Route path="account" element={<AccountRoute />} />
          <Route path="account/tokens" element={<AccountTokensRoute />} />
          <Route path="account/reminders" element={<AccountRemindersRoute />} />
          <Route path="account/calendar" element={<AccountCalendarRoute />} />
          <Route path="done-for-you" element={<ActedForMeRoute />} />
          <Route path="points/:userId" element={<MemberPointsRoute />} />
          <Route path="rewards" element={<RewardsRoute />} />
          <Route path="statistics" element={<StatisticsRoute />} />
          <Route path="approvals" element={<ApprovalsRoute />} />
          <Route path="calendar" element={<CalendarRoute />} />
          <Route path="*" element={<NotFoundRoute />} />
        </Route>
      </Routes>
    </PageSuspense>
  );
}

export function AppRouter() {
  return (
    <BrowserRouter>
      <AppRoutes />
    </BrowserRouter>
  );
}
