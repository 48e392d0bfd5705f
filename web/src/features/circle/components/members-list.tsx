import { isAdminOrManager, roleSchema, type Member, type Role } from "@chorus/shared";
import { useTranslation } from "react-i18next";
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
  const { t } = useTranslation("circle");
  return (
    <>
      {pending.length > 0 && (
        <section aria-labelledby="join-requests-heading" className="card">
          <h2 id="join-requests-heading">{t("membersList.joinRequests")}</h2>
          <ul className="member-list">
            {pending.map((member) => (
              <PendingMemberRow key={member.userId} member={member} canAccept={canAccept} canDecline={canDecline} />
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="members-heading" className="card">
        <h2 id="members-heading">{t("membersList.members")}</h2>
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
  const { t } = useTranslation("circle");
  const name = member.displayName;
  return (
    <li className="member-row">
      <MemberIdentity member={member} />
      <span className="badge">{t("membersList.waiting")}</span>
      {canAccept && (
        <button
          type="button"
          className="button button--primary"
          disabled={accept.isPending}
          onClick={() => accept.mutate(member.userId, outcome("success", t("membersList.joined", { name })))}
        >
          {accept.isPending ? t("membersList.accepting") : t("membersList.accept", { name })}
        </button>
      )}
      {canDecline && (
        <button
          type="button"
          className="button"
          disabled={decline.isPending}
          onClick={() => decline.mutate(member.userId, outcome("info", t("membersList.declined", { name })))}
        >
          {t("membersList.decline")}
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
  const { t } = useTranslation("circle");
  const name = member.displayName;

  return (
    <li className="member-row">
      <MemberIdentity member={member} />
      {isAdmin ? (
        <label className="inline-field">
          <span>{t("membersList.role")}</span>
          <select
            value={roleChoice.shown}
            disabled={setRole.isPending}
            aria-label={t("membersList.roleOf", { name })}
            onChange={(event) => {
              const role = roleSchema.parse(event.target.value);
              roleChoice.hold(role);
              setRole.mutate(
                { userId: member.userId, role },
                {
                  onSuccess: (updated) => notify("success", t(`roleNow.${updated.role}`, { name: updated.displayName })),
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
                {t(`roles.${role}`)}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <span className={`badge badge--${member.role}`}>{t(`roles.${member.role}`)}</span>
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
            <span>{t("membersList.canViewAs")}</span>
          </label>
        ) : (
          member.impersonator && <span className="badge">{t("membersList.canViewAs")}</span>
        ))}
      {member.role !== "admin" && member.actAsConsent && member.email !== null && (
        <span className={`badge badge--consent-${member.actAsConsent}`}>
          {/* Who may act as the member (decision 0023): the server sends it to admins and managers only. */}
          {t(`consent.${member.actAsConsent}`)}
        </span>
      )}
      {isAdmin && member.awaitingClaim && <ClaimLink member={member} />}
      {isAdmin && member.email === null && <ChildPinLock member={member} />}
      {isAdmin && member.email === null && <ChildPinForm member={member} />}
      {isAdmin && !isSelf && (
        <ConfirmAction
          label={t("membersList.remove")}
          confirmLabel={t("membersList.removeName", { name })}
          pending={remove.isPending}
          onConfirm={() => remove.mutate(member.userId, { onSuccess: () => notify("info", t("membersList.removed", { name })), onError })}
        />
      )}
    </li>
  );
}

function MemberIdentity({ member }: { member: Member }) {
  const { t } = useTranslation("circle");
  return (
    <span className="member-row__identity">
      <strong>{member.displayName}</strong>
      <span className="muted">
        @{member.username}
        {member.email === null && ` · ${t("membersList.childAccount")}`}
      </span>
    </span>
  );
}
