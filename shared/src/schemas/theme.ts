import { z } from "zod";

/** A member's colour scheme (decision 0037): follow the device's `prefers-color-scheme`, or always light or dark. */
export const themeChoiceSchema = z.enum(["system", "light", "dark"]);
export type ThemeChoice = z.infer<typeof themeChoiceSchema>;

export const themeSettingSchema = z.object({ theme: themeChoiceSchema });
export type ThemeSetting = z.infer<typeof themeSettingSchema>;

export const setThemeRequestSchema = z.strictObject({ theme: themeChoiceSchema });
export type SetThemeRequest = z.input<typeof setThemeRequestSchema>;
