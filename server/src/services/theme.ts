/**
 * A person's colour scheme (decision 0037). Always the caller's own (the contract refuses the
 * impersonation header): an admin acting as a member keeps their own screen.
 */
import type { ThemeChoice, ThemeSetting } from "@chorus/shared";
import type { ActingContext } from "../context";
import type { Database } from "../db/database";
import { recordAudit } from "./audit";

export async function readTheme(db: Database, ctx: ActingContext): Promise<ThemeSetting> {
  return db.prisma.user.findUniqueOrThrow({ where: { id: ctx.actor.id }, select: { theme: true } });
}

export async function setTheme(db: Database, ctx: ActingContext, theme: ThemeChoice): Promise<ThemeSetting> {
  const me = ctx.actor.id;
  return db.prisma.$transaction(async (tx) => {
    const [before] = await tx.$queryRaw<
      { theme: ThemeChoice }[]
    >`SELECT "theme"::text AS "theme" FROM "User" WHERE "id" = ${me} FOR UPDATE`;
    if (before!.theme === theme) return { theme };
    await tx.user.update({ where: { id: me }, data: { theme } });
    await recordAudit(tx, ctx, {
      action: "user.theme_changed",
      entityType: "user",
      entityId: me,
      payload: { from: before!.theme, to: theme },
    });
    return { theme };
  });
}
