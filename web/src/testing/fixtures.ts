import type { AuditEvent, Chore, Circle, Member, User } from "@chorus/shared";

export function makeChore(overrides: Partial<Chore> = {}): Chore {
  return {
    id: 1,
    circleId: 1,
    name: "Dishes",
    description: "",
    frequency: { type: "daily" },
    scheduleMode: "fixed",
    nextDueDate: null,
    currentFrom: null,
    earlyFrom: null,
    assignees: [2],
    assignedTo: 2,
    assignmentStrategy: "keep",
    assignmentMode: "rotation",
    onlyAssigneeCompletes: false,
    parts: null,
    points: 5,
    priority: 0,
    labels: [],
    isPrivate: false,
    penalty: null,
    completionWindowMinutes: null,
    photoRequired: false,
    status: "idle",
    timerSeconds: 0,
    timerRunningSince: null,
    archived: false,
    finishedAt: null,
    activeMonths: null,
    needsApproval: false,
    checklist: [],
    checklistRequired: false,
    approval: null,
    version: 1,
    createdBy: 1,
    updatedBy: 1,
    performedAs: 1,
    viaDeviceId: null,
    createdAt: "2026-01-01T00:00:00Z",
    updatedAt: "2026-01-01T00:00:00Z",
    abilities: { canAct: true, canComplete: true, canEdit: true, canDelete: true, canSkipWhole: false, canClaim: false, canRelease: false },
    ...overrides,
  };
}

export function makeUser(overrides: Partial<User> = {}): User {
  return {
    id: 1,
    username: "sam",
    email: "sam@example.com",
    phone: null,
    displayName: "Sam",
    timezone: "Europe/Berlin",
    circleId: 1,
    role: "admin",
    impersonatorUserId: null,
    impersonationExpiresAt: null,
    impersonationMode: null,
    impersonationExtensionsLeft: null,
    ...overrides,
  };
}

export function makeMember(overrides: Partial<Member> & Pick<Member, "userId" | "displayName">): Member {
  return {
    username: overrides.displayName.toLowerCase(),
    email: `${overrides.displayName.toLowerCase()}@example.com`,
    phone: null,
    role: "member",
    status: "active",
    impersonator: false,
    points: 0,
    pinLockedUntil: null,
    actAsConsent: "anyone",
    awaitingClaim: false,
    ...overrides,
  };
}

export function makeCircle(overrides: Partial<Circle> = {}): Circle {
  return {
    id: 1,
    name: "The Smiths",
    timezone: "Europe/Berlin",
    locale: "en-US",
    impersonationEnabled: true,
    impersonationNoticeForChildren: true,
    mfaRequiredForAdmins: false,
    inviteCode: "ABCDEF12",
    createdAt: "2026-01-01T00:00:00Z",
    ...overrides,
  };
}

export function makeAuditEvent(id: number, overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id,
    circleId: 1,
    actorUserId: 1,
    subjectUserId: null,
    viaDeviceId: null,
    action: "chore.updated",
    entityType: "chore",
    entityId: "3",
    outcome: "allowed",
    payload: {},
    requestId: null,
    ip: null,
    userAgent: null,
    createdAt: "2026-11-21T09:00:00Z",
    ...overrides,
  };
}
