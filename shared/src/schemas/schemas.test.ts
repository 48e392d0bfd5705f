import { z } from "zod";
import { AWAY_MAX_DAYS, createAwayPeriodRequestSchema } from "./away";
import { formMessages } from "./messages";
import { setZodLanguage } from "./zodLanguage";
import { frequencySchema, createChoreRequestSchema, updateChoreRequestSchema } from "./chores";
import { emailSchema, idParamSchema, inviteCodeSchema, phoneSchema, pinSchema, timezoneSchema, usernameSchema } from "./fields";
import { signupRequestSchema } from "./accounts";

describe("field schemas", () => {
  it.each(["sam", "a.b-c_d", "x".repeat(32), "123"])("accepts username %j", (name) => {
    expect(usernameSchema.safeParse(name).success).toBe(true);
  });
  it.each(["ab", "has space", "x".repeat(33), "émile", "", "  "])("refuses username %j", (name) => {
    expect(usernameSchema.safeParse(name).success).toBe(false);
  });
  it.each([
    ["Sam", "sam"],
    ["  MiXeD.Case_1 ", "mixed.case_1"],
  ])("lower-cases and trims username %j", (name, stored) => {
    expect(usernameSchema.parse(name)).toBe(stored);
  });
  it.each([
    ["abcdefghjklm", "ABCDEFGHJKLM"],
    [" AbCd2345 ", "ABCD2345"],
  ])("reads invite code %j in any case", (code, read) => {
    expect(inviteCodeSchema.parse(code)).toBe(read);
  });
  it.each(["abc", "ABCD-2345", "ABCD 2345", "x".repeat(33)])("refuses invite code %j", (code) => {
    expect(inviteCodeSchema.safeParse(code).success).toBe(false);
  });
  it.each([
    ["+14155550123", true],
    ["+442071838750", true],
    ["14155550123", false],
    ["+0123456789", false],
    ["+1 415 555", false],
    ["+1234567890123456", false],
  ])("phone %j valid: %s", (phone, valid) => {
    expect(phoneSchema.safeParse(phone).success).toBe(valid);
  });
  it.each([
    ["Europe/Berlin", true],
    ["America/New_York", true],
    ["UTC", true],
    ["Mars/Olympus", false],
    ["", false],
  ])("time zone %j valid: %s", (zone, valid) => {
    expect(timezoneSchema.safeParse(zone).success).toBe(valid);
  });
  it.each([
    ["1234", true],
    ["00000000", true],
    ["123", false],
    ["123456789", false],
    ["12a4", false],
    [" 1234", false],
    ["١٢٣٤", false],
  ])("PIN %j valid: %s", (pin, valid) => {
    expect(pinSchema.safeParse(pin).success).toBe(valid);
  });
  it("checks emails", () => {
    expect(emailSchema.safeParse("a@example.test").success).toBe(true);
    expect(emailSchema.safeParse("not-an-email").success).toBe(false);
  });
  it.each([
    ["1", 1],
    ["42", 42],
    ["2147483647", 2147483647],
  ])("parses id param %j", (raw, id) => {
    expect(idParamSchema.parse(raw)).toBe(id);
  });
  it.each(["0", "01", "-1", "1.5", "abc", "2147483648", " 1"])("refuses id param %j", (raw) => {
    expect(idParamSchema.safeParse(raw).success).toBe(false);
  });
  it("refuses unknown signup fields", () => {
    const result = signupRequestSchema.safeParse({ username: "sam", email: "s@example.test", password: "long enough", admin: true });
    expect(result.success).toBe(false);
  });
});

describe("chore schemas", () => {
  it.each([
    { type: "once" },
    { type: "daily" },
    { type: "weekly", weekdays: [1, 3, 5] },
    { type: "monthly", dayOfMonth: 31 },
    { type: "yearly" },
    { type: "interval", every: 2, unit: "weeks" },
  ])("accepts frequency %j", (frequency) => {
    expect(frequencySchema.safeParse(frequency).success).toBe(true);
  });
  it.each([
    { type: "weekly", weekdays: [] },
    { type: "weekly", weekdays: [0] },
    { type: "weekly", weekdays: [1, 1] },
    { type: "monthly", dayOfMonth: 32 },
    { type: "interval", every: 0, unit: "days" },
    { type: "interval", every: 2, unit: "years" },
    { type: "hourly" },
    { type: "daily", extra: 1 },
  ])("refuses frequency %j", (frequency) => {
    expect(frequencySchema.safeParse(frequency).success).toBe(false);
  });
  it("needs only a name to create, and refuses empty updates", () => {
    expect(createChoreRequestSchema.safeParse({ name: "Bins" }).success).toBe(true);
    expect(createChoreRequestSchema.safeParse({ name: " " }).success).toBe(false);
    expect(createChoreRequestSchema.safeParse({ name: "Bins", priority: 5 }).success).toBe(false);
    expect(updateChoreRequestSchema.safeParse({}).success).toBe(false);
    expect(updateChoreRequestSchema.safeParse({ archived: true }).success).toBe(true);
  });
});

describe("field messages (formMessages)", () => {
  it("has each English text once, so the web app finds one key per message", () => {
    const texts = Object.values(formMessages);
    expect(texts.filter((text, index) => texts.indexOf(text) !== index)).toEqual([]);
  });

  it("is what the schemas say, bounds filled in", () => {
    const issues = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
      result.error?.issues.map((issue) => issue.message);
    expect(issues(usernameSchema.safeParse("ab"))).toEqual([formMessages.usernameTooShort]);
    expect(formMessages.usernameTooShort).toBe("Username must be at least 3 characters");
    expect(issues(createAwayPeriodRequestSchema.safeParse({ userId: null, startsOn: "2026-01-01", endsOn: "2027-06-01" }))).toEqual([
      formMessages.awayTooLong,
    ]);
    expect(formMessages.awayTooLong).toBe(`Away at most ${AWAY_MAX_DAYS} days at a time`);
  });

  it("switches zod's own messages for a language, and back", () => {
    setZodLanguage("de");
    const german = z.string().safeParse(1).error?.issues[0]?.message;
    setZodLanguage("en");
    expect(german).toMatch(/^Ungültige Eingabe/);
    expect(z.string().safeParse(1).error?.issues[0]?.message).toMatch(/^Invalid input/);
  });
});
