/**
 * decide() as a table: every role × target × selector × credential × access × impersonation
 * session state, with no database. The HTTP tests check the same rules end to end.
 */
import type { Access, Role } from "@chorus/shared";
import { ApiError, auditReasonOf } from "../errors";
import { decide, type Decision, type DecisionInput, type UserFacts } from "./decide";
import type { HeaderReading, ImpersonationSelector } from "./headers";

const access = {
  impersonation: { credentials: ["session", "apiToken"], impersonation: "view" },
  acting: { credentials: ["session", "apiToken"], impersonation: "act" },
  tabletToo: { credentials: ["session", "apiToken", "tabletMember"], impersonation: "act" },
  plain: { credentials: ["session", "apiToken"] },
  sessionOnly: { credentials: ["session"] },
  apiTokenOnly: { credentials: ["apiToken"] },
  tablet: { credentials: ["tablet"] },
  public: { credentials: ["public"] },
  feed: { credentials: ["calendarFeed"] },
} satisfies Record<string, Access>;

const notSent = { sent: false } as const;
const selectorOf = (value: number): HeaderReading<ImpersonationSelector> => ({ sent: true, value: { by: "id", value } });
const badSelector: HeaderReading<ImpersonationSelector> = { sent: true, error: new ApiError("invalid_impersonation_header", "bad") };

function input(overrides: {
  access: Access;
  facts?: DecisionInput["facts"];
  selector?: HeaderReading<ImpersonationSelector>;
  bearer?: DecisionInput["presented"]["bearer"];
  tabletMemberId?: HeaderReading<number>;
}): DecisionInput {
  const facts = overrides.facts === undefined ? null : overrides.facts;
  const bearer =
    overrides.bearer ?? (facts?.kind === "device" ? "device" : facts?.kind === "apiToken" ? "apiToken" : facts ? "session" : null);
  return {
    endpoint: { key: "GET /things", access: overrides.access },
    presented: {
      bearer,
      authorizationSent: bearer !== null,
      selector: overrides.selector ?? notSent,
      tabletMemberId: overrides.tabletMemberId ?? notSent,
    },
    facts,
  };
}

const ACTOR = 1;
const TARGET = 2;
function user(overrides: Partial<UserFacts> = {}): UserFacts {
  return {
    kind: "session",
    userId: ACTOR,
    role: "admin",
    impersonatorFlag: true,
    circleImpersonationEnabled: true,
    target: { userId: TARGET, role: "member", consent: "anyone" },
    impersonation: null,
    signInMethod: "password",
    signInFresh: true,
    ...overrides,
  };
}

/** A decision as a short word: what was allowed, or the refusal's status, code and log. */
function outcome(decision: Decision): string {
  if ("allow" in decision) return decision.allow === "tabletMember" ? `tabletMember${decision.checkPin ? "+pin" : ""}` : decision.allow;
  return `${decision.refuse.status} ${decision.refuse.code}${decision.log ? ` [${decision.log}]` : ""}`;
}

describe("decide()", () => {
  const started = performance.now();
  afterAll(() => {
    // The whole table is pure computation.
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("applies DESIGN §5's order: 401, then 400, then each 403", () => {
    expect(outcome(decide(input({ access: access.impersonation, selector: badSelector })))).toBe("401 unauthenticated");
    expect(outcome(decide(input({ access: access.impersonation, facts: user(), selector: badSelector })))).toBe(
      "400 invalid_impersonation_header [impersonation]",
    );
    expect(outcome(decide(input({ access: access.plain, facts: user(), selector: selectorOf(TARGET) })))).toBe(
      "403 impersonation_not_supported [impersonation]",
    );
    expect(
      outcome(
        decide(input({ access: access.impersonation, facts: user({ kind: "apiToken", target: null }), selector: selectorOf(TARGET) })),
      ),
    ).toBe("403 impersonation_forbidden [impersonation]");
    expect(outcome(decide(input({ access: access.impersonation, facts: user({ target: null }), selector: selectorOf(TARGET) })))).toBe(
      "403 impersonation_target_not_allowed [impersonation]",
    );
  });

  const roles: (Role | null)[] = ["admin", "manager", "member", null];
  const targets: (Role | "self" | "none")[] = ["admin", "manager", "member", "self", "none"];
  const table: [Role | null, Role | "self" | "none", string][] = [];
  for (const role of roles) {
    for (const target of targets) {
      let expected: string;
      if (role === "admin")
        expected = target === "manager" || target === "member" ? "impersonation" : "403 impersonation_target_not_allowed [impersonation]";
      else if (role === "manager")
        expected = target === "member" ? "impersonation" : "403 impersonation_target_not_allowed [impersonation]";
      else expected = "403 impersonation_forbidden [impersonation]";
      table.push([role, target, expected]);
    }
  }
  it.each(table)("a %s acting as %s: %s", (role, target, expected) => {
    const targetFacts =
      target === "none"
        ? null
        : target === "self"
          ? { userId: ACTOR, role: role ?? "member", consent: "anyone" as const }
          : { userId: TARGET, role: target, consent: "anyone" as const };
    expect(
      outcome(decide(input({ access: access.impersonation, facts: user({ role, target: targetFacts }), selector: selectorOf(TARGET) }))),
    ).toBe(expected);
  });

  it.each([
    ["the impersonator flag is off", { impersonatorFlag: false }, "403 impersonation_forbidden [impersonation]"],
    ["the circle switched impersonation off", { circleImpersonationEnabled: false }, "403 impersonation_forbidden [impersonation]"],
    ["an API token", { kind: "apiToken" as const }, "403 impersonation_forbidden [impersonation]"],
    [
      "the impersonation session ran out",
      { impersonation: { expired: true, expiresAt: new Date(0), mode: "act" as const } },
      "403 impersonation_expired [impersonation]",
    ],
    [
      "the impersonation session is open",
      { impersonation: { expired: false, expiresAt: new Date(0), mode: "act" as const } },
      "impersonation",
    ],
  ])("refuses or allows when %s", (_name, facts, expected) => {
    expect(outcome(decide(input({ access: access.impersonation, facts: user(facts), selector: selectorOf(TARGET) })))).toBe(expected);
  });

  describe("view-only sessions and step-up (decision 0020)", () => {
    const open = (mode: "view" | "act", expired = false) => ({ expired, expiresAt: new Date(0), mode });
    it.each([
      // access, open session, sign-in fresh, expected
      ["impersonation", open("view"), false, "impersonation"],
      ["impersonation", open("act"), false, "impersonation"],
      ["acting", open("act"), false, "impersonation"],
      ["acting", open("view"), true, "403 impersonation_read_only [impersonation]"],
      ["acting", open("view"), false, "403 impersonation_read_only [impersonation]"],
      ["tabletToo", open("view"), true, "403 impersonation_read_only [impersonation]"],
      // No session yet: a header request starts one in act mode, only on a fresh sign-in.
      ["impersonation", null, true, "impersonation"],
      ["acting", null, true, "impersonation"],
      ["impersonation", null, false, "403 step_up_required [impersonation]"],
      ["acting", null, false, "403 step_up_required [impersonation]"],
      // Expiry is told before the mode.
      ["acting", open("view", true), true, "403 impersonation_expired [impersonation]"],
    ] as const)("on a %s endpoint with session %j, fresh sign-in %s: %s", (accessName, impersonation, signInFresh, expected) => {
      const facts = user({ impersonation: impersonation && { ...impersonation }, signInFresh });
      expect(outcome(decide(input({ access: access[accessName], facts, selector: selectorOf(TARGET) })))).toBe(expected);
    });

    it("asks a PIN sign-in for its PIN", () => {
      const decision = decide(
        input({ access: access.impersonation, facts: user({ signInFresh: false, signInMethod: "pin" }), selector: selectorOf(TARGET) }),
      );
      expect("refuse" in decision && decision.refuse.details).toEqual({ signInMethod: "pin", passkey: false });
    });

    it("lets a view-only or stale sign-in use act endpoints as themselves", () => {
      expect(outcome(decide(input({ access: access.acting, facts: user({ signInFresh: false }) })))).toBe("self");
    });
  });

  describe("the member's consent (decision 0023)", () => {
    const open = (mode: "view" | "act", expired = false) => ({ expired, expiresAt: new Date(0), mode });
    const withConsent = (consent: "anyone" | "ask" | "nobody", role: Role = "member") => ({ userId: TARGET, role, consent });
    it.each([
      // consent, target role, caller role, open session, expected
      ["anyone", "member", "admin", null, "impersonation"],
      ["nobody", "member", "admin", null, "403 impersonation_target_not_allowed [impersonation]"],
      // A session opened before the member said no serves no more.
      ["nobody", "member", "admin", open("act"), "403 impersonation_target_not_allowed [impersonation]"],
      ["nobody", "manager", "admin", open("view"), "403 impersonation_target_not_allowed [impersonation]"],
      // The rank rule comes first: the same body whatever the member chose.
      ["nobody", "admin", "admin", null, "403 impersonation_target_not_allowed [impersonation]"],
      ["ask", "member", "admin", null, "403 impersonation_consent_required [impersonation]"],
      ["ask", "member", "manager", null, "403 impersonation_consent_required [impersonation]"],
      ["ask", "manager", "manager", null, "403 impersonation_target_not_allowed [impersonation]"],
      // The session a grant opened serves, in its own mode and until its time is up.
      ["ask", "member", "admin", open("view"), "impersonation"],
      ["ask", "member", "admin", open("act", true), "403 impersonation_expired [impersonation]"],
    ] as const)("a member who says %s (%s), asked by a(n) %s, session %j: %s", (consent, targetRole, role, impersonation, expected) => {
      const facts = user({ role, target: withConsent(consent, targetRole), impersonation: impersonation && { ...impersonation } });
      expect(outcome(decide(input({ access: access.impersonation, facts, selector: selectorOf(TARGET) })))).toBe(expected);
    });

    it("refuses a member who says nobody with exactly the rank rule's body, keeping the reason for the audit log", () => {
      const nobody = decide(
        input({ access: access.impersonation, facts: user({ target: withConsent("nobody") }), selector: selectorOf(TARGET) }),
      );
      const outranked = decide(
        input({ access: access.impersonation, facts: user({ target: withConsent("anyone", "admin") }), selector: selectorOf(TARGET) }),
      );
      if (!("refuse" in nobody) || !("refuse" in outranked)) throw new Error("expected refusals");
      const body = (error: ApiError) => JSON.stringify({ code: error.code, message: error.message, details: error.details });
      expect(body(nobody.refuse)).toBe(body(outranked.refuse));
      expect(auditReasonOf(nobody.refuse)).toBe("target_allows_nobody");
      expect(auditReasonOf(outranked.refuse)).toBe("impersonation_target_not_allowed");
    });
  });

  it("names the selected member in a refusal only when they were found in the circle", () => {
    const refused = decide(input({ access: access.plain, facts: user(), selector: selectorOf(TARGET) }));
    expect("refuse" in refused && refused.subjectUserId).toBe(TARGET);
    const unknown = decide(input({ access: access.impersonation, facts: user({ target: null }), selector: selectorOf(99) }));
    expect("refuse" in unknown && unknown.subjectUserId).toBeNull();
  });

  it.each([
    // access, credential, expected
    ["plain", "session", "self"],
    ["plain", "apiToken", "self"],
    ["sessionOnly", "session", "self"],
    ["sessionOnly", "apiToken", "403 forbidden"],
    ["apiTokenOnly", "apiToken", "self"],
    ["apiTokenOnly", "session", "403 forbidden"],
    ["tablet", "session", "401 unauthenticated"],
    ["tablet", "apiToken", "401 unauthenticated"],
    ["impersonation", "session", "self"],
  ] as const)("on a %s endpoint, a %s without a selector: %s", (accessName, kind, expected) => {
    expect(outcome(decide(input({ access: access[accessName], facts: user({ kind }) })))).toBe(expected);
  });

  it("on an API-token-only endpoint (MCP), refuses a selector before anything else, and tells a sign-in to use a token", () => {
    for (const kind of ["apiToken", "session"] as const) {
      const refused = decide(input({ access: access.apiTokenOnly, facts: user({ kind }), selector: selectorOf(TARGET) }));
      expect(outcome(refused)).toBe("403 impersonation_not_supported [impersonation]");
    }
    const signIn = decide(input({ access: access.apiTokenOnly, facts: user() }));
    expect("refuse" in signIn && signIn.refuse.message).toMatch(/takes an API token, not a sign-in/);
  });

  it("answers public and calendar-feed endpoints without a sign-in, refusing any selector", () => {
    expect(outcome(decide(input({ access: access.public })))).toBe("public");
    expect(outcome(decide(input({ access: access.public, selector: selectorOf(TARGET) })))).toBe("403 impersonation_not_supported");
    expect(outcome(decide(input({ access: access.public, selector: badSelector })))).toBe("403 impersonation_not_supported");
    expect(outcome(decide(input({ access: access.feed, facts: { kind: "calendarFeed" } })))).toBe("calendarFeed");
    expect(outcome(decide(input({ access: access.feed })))).toBe("404 not_found");
    expect(outcome(decide(input({ access: access.feed, facts: { kind: "calendarFeed" }, selector: selectorOf(TARGET) })))).toBe(
      "403 impersonation_not_supported",
    );
  });

  describe("shared tablets", () => {
    const tablet = (member: { userId: number; hasPin: boolean } | null) => ({ kind: "device" as const, member });
    const picked = (userId: number): HeaderReading<number> => ({ sent: true, value: userId });

    it.each([
      ["its own page", access.tablet, tablet(null), notSent, notSent, "tablet"],
      ["a member endpoint for a picked member", access.tabletToo, tablet({ userId: 5, hasPin: false }), notSent, picked(5), "tabletMember"],
      [
        "a member endpoint for a member with a PIN",
        access.tabletToo,
        tablet({ userId: 5, hasPin: true }),
        notSent,
        picked(5),
        "tabletMember+pin",
      ],
      [
        "an endpoint that does not take tablets",
        access.plain,
        tablet({ userId: 5, hasPin: false }),
        notSent,
        picked(5),
        "403 device_not_allowed [device]",
      ],
      ["a session-only endpoint", access.sessionOnly, tablet(null), notSent, notSent, "403 device_not_allowed [device]"],
      [
        "a selector",
        access.tabletToo,
        tablet({ userId: 5, hasPin: false }),
        selectorOf(TARGET),
        picked(5),
        "403 impersonation_not_supported [device]",
      ],
      ["no member picked", access.tabletToo, tablet(null), notSent, notSent, "400 validation_failed"],
      [
        "a malformed member header",
        access.tabletToo,
        tablet(null),
        notSent,
        { sent: true, error: new ApiError("validation_failed", "bad") },
        "400 validation_failed",
      ],
      ["a member not active in its circle", access.tabletToo, tablet(null), notSent, picked(77), "403 device_member_not_allowed [device]"],
    ] as const)("on %s", (_name, endpointAccess, facts, selector, tabletMemberId, expected) => {
      expect(outcome(decide(input({ access: endpointAccess, facts, selector, tabletMemberId })))).toBe(expected);
    });

    it("answers 401 for a device token that is not valid, and on the tablet page for no token at all", () => {
      expect(outcome(decide(input({ access: access.tabletToo, bearer: "device" })))).toBe("401 unauthenticated");
      expect(outcome(decide(input({ access: access.tablet })))).toBe("401 unauthenticated");
      expect(outcome(decide(input({ access: access.tablet, facts: tablet(null), selector: selectorOf(TARGET) })))).toBe(
        "403 impersonation_not_supported",
      );
    });
  });
});
