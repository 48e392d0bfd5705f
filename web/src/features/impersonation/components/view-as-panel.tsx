import { isAdminOrManager, type ActAsRequest, type ImpersonationMode, type Member, type Role } from "@chorus/shared";
import { useId, useRef, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { TextField } from "../../../components/form";
import { useActAsRequests } from "../api/act-as-requests";
import { useImpersonation } from "../use-impersonation";
import { impersonatableMembers } from "../utils/impersonatable-members";
import { StepUpForm } from "./lazy-step-up-form";

export interface ViewAsCaller {
  userId: number;
  role: Role | null;
  /** The member's "can view tasks as others" flag. */
  impersonator: boolean;
}

const MODES: readonly ImpersonationMode[] = ["view", "act"];

/**
 * "View tasks as" for admins and managers: Choose User (or Change User while viewing as
 * someone) with View only (the default, for a first look) or View and act, Cancel or Escape
 * to close the list (focus goes back to the button that opened it), Exit to go back to your
 * own tasks. On a phone the banner's Exit is the only one.
 */
export function ViewAsPanel({
  caller,
  members,
  impersonationEnabled,
}: {
  caller: ViewAsCaller;
  members: readonly Member[];
  impersonationEnabled: boolean;
}) {
  const { t } = useTranslation("impersonation");
  const { actingAs, start, ask, enterGranted, stop, starting, stepUp, cancelStepUp } = useImpersonation();
  const [choosing, setChoosing] = useState(false);
  const [reason, setReason] = useState("");
  const [mode, setMode] = useState<ImpersonationMode>("view");
  const listId = useId();
  const openerRef = useRef<HTMLButtonElement>(null);
  const mayView = isAdminOrManager(caller.role) && caller.impersonator && impersonationEnabled;
  const requests = useActAsRequests(mayView && members.some((member) => member.actAsConsent === "ask"));
  if (caller.role !== "admin" && caller.role !== "manager") return null;

  const current = actingAs === null ? null : (members.find((member) => member.userId === actingAs) ?? null);
  const allowedByRank = impersonatableMembers(members, caller).filter((member) => member.userId !== actingAs);
  // A member who said nobody is not offered; the chooser says why (decision 0023).
  const candidates = allowedByRank.filter((member) => member.actAsConsent !== "nobody");
  const notOffered = allowedByRank.filter((member) => member.actAsConsent === "nobody");
  const latestRequest = new Map<number, ActAsRequest>();
  for (const request of requests.data?.outgoing ?? [])
    if (!latestRequest.has(request.target.userId)) latestRequest.set(request.target.userId, request);
  // Nobody the caller may view (a new circle, or only equals and higher): no panel at all.
  if (actingAs === null && allowedByRank.length === 0) return null;
  const unavailable = !impersonationEnabled ? t("viewAs.turnedOff") : !caller.impersonator ? t("viewAs.notAllowed") : null;

  const closeChooser = () => {
    setChoosing(false);
    openerRef.current?.focus();
  };
  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key !== "Escape" || !choosing) return;
    event.preventDefault();
    closeChooser();
  };

  return (
    // Escape from any control inside closes the chooser; the section only catches it on its way up.
    // oxlint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <section className="view-as card" aria-labelledby={`${listId}-heading`} onKeyDown={closeOnEscape}>
      <div className="view-as__summary">
        <h2 id={`${listId}-heading`}>{t("viewAs.heading")}</h2>
        <p className="muted">
          {actingAs === null
            ? t("viewAs.intro")
            : t("viewAs.nowViewing", { name: current?.displayName ?? t("viewAs.memberNumber", { id: actingAs }) })}
        </p>
        {unavailable ? (
          <p className="muted">{unavailable}</p>
        ) : (
          <div className="view-as__buttons">
            <button
              ref={openerRef}
              type="button"
              className="button"
              aria-expanded={choosing}
              aria-controls={listId}
              onClick={() => setChoosing((open) => !open)}
            >
              {actingAs === null ? t("viewAs.chooseUser") : t("viewAs.changeUser")}
            </button>
            {actingAs !== null && (
              <button type="button" className="button view-as__exit" onClick={stop}>
                {t("viewAs.exit")}
              </button>
            )}
          </div>
        )}
      </div>
      {stepUp && (
        <StepUpForm
          className="view-as__chooser"
          method={stepUp.method}
          passkey={stepUp.passkey}
          purpose={t(`viewAs.purpose.${stepUp.mode}`, { name: stepUp.target.displayName })}
          busy={starting}
          error={stepUp.error}
          onConfirm={(secret) => (stepUp.asking ? ask : start)(stepUp.target, stepUp.mode, stepUp.reason, secret)}
          onCancel={() => {
            cancelStepUp();
            openerRef.current?.focus();
          }}
        />
      )}
      {choosing && !unavailable && (
        <div id={listId} className="view-as__chooser">
          {candidates.length === 0 ? (
            <p>{notOffered.length > 0 ? t("viewAs.noOneWhoAllow") : t("viewAs.noOne")}</p>
          ) : (
            <>
              <fieldset className="fieldset fieldset--inline view-as__modes">
                <legend>{t("viewAs.modesLegend")}</legend>
                {MODES.map((option) => (
                  <label key={option} className="checkbox view-as__mode">
                    <input
                      type="radio"
                      name={`${listId}-mode`}
                      value={option}
                      checked={mode === option}
                      // The name is the option; its one line of meaning is the description.
                      aria-label={t(`viewAs.modes.${option}.label`)}
                      aria-describedby={`${listId}-${option}-hint`}
                      onChange={() => setMode(option)}
                    />
                    <span>
                      <strong>{t(`viewAs.modes.${option}.label`)}</strong>
                      <span id={`${listId}-${option}-hint`} className="field__hint">
                        {t(`viewAs.modes.${option}.hint`)}
                      </span>
                    </span>
                  </label>
                ))}
              </fieldset>
              <TextField
                label={t("viewAs.reason")}
                name="reason"
                hint={t("viewAs.reasonHint")}
                autoComplete="off"
                maxLength={200}
                value={reason}
                onChange={(event) => setReason(event.target.value)}
              />
              <ul className="view-as__list" aria-label={t("viewAs.membersList")}>
                {candidates.map((member) => {
                  const asked = member.actAsConsent === "ask" ? askState(latestRequest.get(member.userId)) : null;
                  return (
                    <li key={member.userId}>
                      <button
                        type="button"
                        className="button view-as__member"
                        disabled={starting || asked === "pending"}
                        onClick={() => {
                          setChoosing(false);
                          if (asked === "granted") enterGranted(member);
                          else if (asked) ask(member, mode, reason);
                          else start(member, mode, reason);
                          setReason("");
                          setMode("view");
                        }}
                      >
                        <strong>{member.displayName}</strong> <span className="muted">{t(`viewAs.roles.${member.role}`)}</span>
                        {asked && (
                          <>
                            {" "}
                            <span className="view-as__ask">{t(`viewAs.ask.${asked}`)}</span>
                          </>
                        )}
                      </button>
                    </li>
                  );
                })}
              </ul>
            </>
          )}
          {notOffered.length > 0 && (
            <ul className="view-as__not-offered muted" aria-label={t("viewAs.notOffered")}>
              {notOffered.map((member) => (
                <li key={member.userId}>{t("viewAs.doesNotAllow", { name: member.displayName })}</li>
              ))}
            </ul>
          )}
          <button type="button" className="button button--quiet" onClick={closeChooser}>
            {t("viewAs.cancel")}
          </button>
        </div>
      )}
    </section>
  );
}

type AskState = "ask" | "pending" | "granted" | "declined";

/** Where the caller's latest request to a member who asks first stands. */
function askState(request: ActAsRequest | undefined): AskState {
  if (!request) return "ask";
  if (request.status === "granted") return request.grantedUntil && Date.parse(request.grantedUntil) > Date.now() ? "granted" : "ask";
  if (request.status === "pending" || request.status === "declined") return request.status;
  return "ask";
}
