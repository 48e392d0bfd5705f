import { isoFromJson } from "../../domain";

describe("isoFromJson", () => {
  it.each([
    ["2026-12-02T13:45:00", "2026-12-02T13:45:00.000Z"],
    ["2026-12-02T13:45:00.1", "2026-12-02T13:45:00.100Z"],
    ["2026-12-02T13:45:00.12", "2026-12-02T13:45:00.120Z"],
    ["2026-12-02T13:45:00.123", "2026-12-02T13:45:00.123Z"],
    ["0999-01-01T00:00:00.5", "0999-01-01T00:00:00.500Z"],
  ])("writes PostgreSQL's %s as toISOString does", (json, iso) => {
    expect(isoFromJson(json)).toBe(iso);
    expect(new Date(`${json}Z`).toISOString()).toBe(iso);
  });
});
