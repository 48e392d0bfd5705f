/**
 * How a person's screen looks: colour scheme (decision 0037) and language (decision 0047).
 * Always the caller's own (the contract refuses the impersonation header): an admin acting as
 * a member keeps their own screen.
 */
import type { LanguageChoice, LanguageSetting, ThemeChoice, ThemeSetting } from "@chorus/shared";
import type { ActingContext } from "../context";
import type { Database } from "../db/database";
import { Prisma } from "../generated/prisma/client";
import { recordAudit } from "./audit";

interface ScreenPreferences {
  theme: ThemeChoice;
  language: LanguageChoice;
}

export async function readTheme(db: Database, ctx: ActingContext): Promise<ThemeSetting> {
  return db.prisma.user.findUniqueOrThrow({ where: { id: ctx.actor.id }, select: { theme: true } });
}

export async function readLanguage(db: Database, ctx: ActingContext): Promise<LanguageSetting> {
  return db.prisma.user.findUniqueOrThrow({ where: { id: ctx.actor.id }, select: { language: true } });
}

export const setTheme = (db: Database, ctx: ActingContext, theme: ThemeChoice): Promise<ThemeSetting> =>
  setPreference(db, ctx, "theme", theme, "user.theme_changed").then(() => ({ theme }));

export const setLanguage = (db: Database, ctx: ActingContext, language: LanguageChoice): Promise<LanguageSetting> =>
  setPreference(db, ctx, "language", language, "user.language_changed").then(() => ({ language }));

/** Stores one preference and audits a real change (not a repeat of the same choice). */
async function setPreference<K extends keyof ScreenPreferences>(
  db: Database,
  ctx: ActingContext,
  key: K,
  value: ScreenPreferences[K],
  action: "user.theme_changed" | "user.language_changed",
): Promise<void> {
  const me = ctx.actor.id;
  await db.prisma.$transaction(async (tx) => {
    const [before] = await tx.$queryRaw<{ value: string }[]>`
      SELECT ${Prisma.raw(`"${key}"::text`)} AS "value" FROM "User" WHERE "id" = ${me} FOR UPDATE`;
    if (before!.value === value) return;
    await tx.user.update({ where: { id: me }, data: { [key]: value } });
    await recordAudit(tx, ctx, { action, entityType: "user", entityId: me, payload: { from: before!.value, to: value } });
  });
}
