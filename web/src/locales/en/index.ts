/**
 * Every English catalogue, one namespace per feature folder (decision 0047): the types of t() and
 * the component tests read them all; the app bundles only the first screen's (lib/i18n.ts) and
 * loads the others with their pages. English is the fallback for a key another language lacks.
 */
import account from "./account.json";
import actedForMe from "./acted-for-me.json";
import app from "./app.json";
import approvals from "./approvals.json";
import audit from "./audit.json";
import auth from "./auth.json";
import away from "./away.json";
import calendar from "./calendar.json";
import calendarFeed from "./calendar-feed.json";
import chores from "./chores.json";
import circle from "./circle.json";
import common from "./common.json";
import errors from "./errors.json";
import forms from "./forms.json";
import impersonation from "./impersonation.json";
import language from "./language.json";
import mfa from "./mfa.json";
import offline from "./offline.json";
import photos from "./photos.json";
import points from "./points.json";
import reminders from "./reminders.json";
import rewards from "./rewards.json";
import sso from "./sso.json";
import statistics from "./statistics.json";
import tablet from "./tablet.json";
import theme from "./theme.json";

export const en = {
  account,
  "acted-for-me": actedForMe,
  app,
  approvals,
  audit,
  auth,
  away,
  calendar,
  "calendar-feed": calendarFeed,
  chores,
  circle,
  common,
  errors,
  forms,
  impersonation,
  language,
  mfa,
  offline,
  photos,
  points,
  reminders,
  rewards,
  sso,
  statistics,
  tablet,
  theme,
};
export type Namespace = keyof typeof en;
export const namespaces = Object.keys(en) as Namespace[];
