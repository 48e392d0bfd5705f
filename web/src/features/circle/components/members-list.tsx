import { isAdminOrManager, roleSchema, type ActAsConsent, type Member, type Role } from "@chorus/shared";
import { ConfirmAction } from "../../../components/confirm-action";
import { useNotify, useNotifyOutcome } from "../../../components/notices";
import { errorMessage } from "../../../lib/errors";
import { useChoiceInFlight } from "../../../lib/use-choice-in-flight";
import { useAcceptMember } from "../api/accept-member";
import { useRemoveMember } from "../api/remove-member";
import { useSetMemberImpersonator } from "../api/set-member-impersonator";
import { useSetMemberRole } from "../api/set-member-role";
import { ChildPinForm } from "./child-pin-form";
import { ClaimLink } from "./claim-link";
import { ChildPinLock } from "./child-pin-lock";

const ROLE_LABELS: Record<Role, string> = { admin: "Admin", manager: "Manager", member: "Member" };
/** Who may act as the member (decision 0023): the server sends it to admins and managers only. */
const CONSENT_LABELS: Record<ActAsConsent, string> = {
  anyone: "Others may act for them",
  ask: "Ask before acting for them",
  nobody: "Nobody may act for them",
};

export interface MembersViewer {
  userId: number;
  role: Role | null;
  /** False while viewing tasks as someone: admin requests would be refused. */
  canAdminister: boolean;
}

/** Everyone in the circle; admins change roles and the impersonator flag, admins and managers accept requests. */
export function MembersList({ members, viewer }: { members: Member[]; viewer: MembersViewer }) {
  const pending = members.filter((member) => member.status === "pending");
  const active = members.filter((member) => member.status === "active");
  const canAccept = viewer.canAdminister && isAdminOrManager(viewer.role);
  const canDecline = viewer.canAdminister && viewer.role === "admin";
  return (
    <>
      {pending.length > 0 && (
        <section aria-labelledby="join-requests-heading" className="card">
          <h2 id="join-requests-heading">Join requests</h2>
          <ul className="member-list">
            {pending.map((member) => (
              <PendingMemberRow key={member.userId} member={member} canAccept={canAccept} canDecline={canDecline} />
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="members-heading" className="card">
        <h2 id="members-heading">Members</h2>
        <ul className="member-list">
          {active.map((member) => (
            <MemberRow key={member.userId} member={member} viewer={viewer} />
          ))}
        </ul>
      </section>
    </>
  );
}

function PendingMemberRow({ member, canAccept, canDecline }: { member: Member; canAccept: boolean; canDecline: boolean }) {
  const accept = useAcceptMember();
  const decline = useRemoveMember();
  const outcome = useNotifyOutcome();
  return (
    <li className="member-row">
      <MemberIdentity member={member} />
      <span className="badge">Waiting</span>
      {canAccept && (
        <button
          type="button"
          className="button button--primary"
          disabled={accept.isPending}
          onClick={() => accept.mutate(member.userId, outcome("success", `${member.displayName} joined the circle.`))}
        >
          {accept.isPending ? "Accepting…" : `Accept ${member.displayName}`}
        </button>
      )}
      {canDecline && (
        <button
          type="button"
          className="button"
          disabled={decline.isPending}
          onClick={() => decline.mutate(member.userId, outcome("info", `${member.displayName}'s request was declined.`))}
        >
          Decline
        </button>
      )}
    </li>
  );
}

function MemberRow({ member, viewer }: { member: Member; viewer: MembersViewer }) {
  const setRole = useSetMemberRole();
  const setImpersonator = useSetMemberImpersonator();
  const remove = useRemoveMember();
  const roleChoice = useChoiceInFlight(member.role);
  const impersonatorChoice = useChoiceInFlight(member.impersonator);
  const notify = useNotify();
  const isAdmin = viewer.canAdminister && viewer.role === "admin";
  const isSelf = member.userId === viewer.userId;
  const onError = (error: unknown) => notify("error", errorMessage(error));

  return (
    <li className="member-row">
      <MemberIdentity member={member} />
      {isAdmin ? (
        <label className="inline-field">
          <span>Role</span>
          <select
            value={roleChoice.shown}
            disabled={setRole.isPending}
            aria-label={`Role of ${member.displayName}`}
            onChange={(event) => {
              const role = roleSchema.parse(event.target.value);
              roleChoice.hold(role);
              setRole.mutate(
                { userId: member.userId, role },
                {
                  onSuccess: (updated) => notify("success", `${updated.displayName} is now ${ROLE_LABELS[updated.role].toLowerCase()}.`),
                  onError: (error) => {
                    roleChoice.release();
                    onError(error);
                  },
                },
              );
            }}
          >
            {roleSchema.options.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <span className={`badge badge--${member.role}`}>{ROLE_LABELS[member.role]}</span>
      )}
      {member.role !== "member" &&
        (isAdmin ? (
          <label className="checkbox">
            <input
              type="checkbox"
              checked={impersonatorChoice.shown}
              disabled={setImpersonator.isPending}
              onChange={(event) => {
                const impersonator = event.target.checked;
                impersonatorChoice.hold(impersonator);
                setImpersonator.mutate(
                  { userId: member.userId, impersonator },
                  {
                    onError: (error) => {
                      impersonatorChoice.release();
                      onError(error);
                    },
                  },
                );
              }}
            />
            <span>Can view tasks as others</span>
          </label>
        ) : (
          member.impersonator && <span className="badge">Can view tasks as others</span>
        ))}
      {member.role !== "admin" && member.actAsConsent && member.email !== null && (
        <span className={`badge badge--consent-${member.actAsConsent}`}>{CONSENT_LABELS[member.actAsConsent]}</span>
      )}
      {isAdmin && member.awaitingClaim && <ClaimLink member={member} />}
      {isAdmin && member.email === null && <ChildPinLock member={member} />}
      {isAdmin && member.email === null && <ChildPinForm member={member} />}
      {isAdmin && !isSelf && (
        <ConfirmAction
          label="Remove…"
          confirmLabel={`Remove ${member.displayName}`}
          pending={remove.isPending}
          onConfirm={() =>
            remove.mutate(member.userId, { onSuccess: () => notify("info", `${member.displayName} was removed from the circle.`), onError })
          }
        />
      )}
    </li>
  );
}

function MemberIdentity({ member }: { member: Member }) {
  return (
    <span className="member-row__identity">
      <strong>{member.displayName}</strong>
      <span className="muted">
        @{member.username}
        {member.email === null && " · child's account"}
      </span>
    </span>
  );
}
