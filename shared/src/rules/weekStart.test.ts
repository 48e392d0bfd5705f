import { fallbackWeekStart, weekStartOf } from "./weekStart";
import { localeSchema } from "../schemas/calendar";

describe("the first day of the week a locale uses", () => {
  it.each([
    ["en-US", 7],
    ["en-GB", 1],
    ["de-DE", 1],
    ["ar-EG", 6],
    ["he-IL", 7],
    ["fr-CA", 7],
    // No region: its likely one (English → United States).
    ["en", 7],
    ["de", 1],
    // A tag's own first-day keyword wins over its region.
    ["en-US-u-fw-mon", 1],
  ])("%s starts on ISO weekday %i", (tag, first) => {
    expect(weekStartOf(tag)).toBe(first);
  });

  it("falls back to Monday for a tag the engine cannot read", () => {
    expect(weekStartOf("not a locale!")).toBe(1);
  });

  it("without week info in the engine, goes by the region, agreeing with the engine's own data", () => {
    for (const tag of ["en-US", "en-GB", "de-DE", "ar-EG", "fa-IR", "pt-BR", "pt-PT", "ja-JP", "fr-FR", "en-IN", "es-MX", "en"]) {
      expect([tag, fallbackWeekStart(new Intl.Locale(tag))]).toEqual([tag, weekStartOf(tag)]);
    }
  });
});

describe("a circle's locale", () => {
  it("is stored in its canonical spelling", () => {
    expect(localeSchema.parse("en-gb")).toBe("en-GB");
    expect(localeSchema.parse("DE")).toBe("de");
  });

  it.each([["en_US"], ["english please"], [""], ["x".repeat(36)]])("refuses %j", (tag) => {
    expect(localeSchema.safeParse(tag).success).toBe(false);
  });
});
