import { useRef } from "react";
import { Trans, useTranslation } from "react-i18next";
import { IMPERSONATION_EXTEND_WINDOW_MINUTES } from "@chorus/shared";
import { useApiSession } from "../../../lib/api-client";
import { errorMessage } from "../../../lib/errors";
import { useNotify } from "../../../components/notices";
import { useActingForName, useActingUser } from "../api/get-acting-user";
import { useExtendImpersonation } from "../api/extend-impersonation";
import { useImpersonation, useImpersonationModeSwitch } from "../use-impersonation";
import { ImpersonationCountdown, useTimeLeft } from "./impersonation-countdown";
import { StepUpForm } from "./lazy-step-up-form";

/** Extend is offered once this little time is left: when the server allows it (decision 0024). */
export const OFFER_EXTEND_WITHIN_MS = IMPERSONATION_EXTEND_WINDOW_MINUTES * 60_000;
/** From this many extensions left, the banner says how many. */
const FEW_EXTENSIONS_LEFT = 2;

/**
 * The one bar shown on every page while the impersonation header is being sent: whom you
 * view or act as, the time left, the switch between view only and acting, Extend when time
 * runs short (with how many extensions are left when few), and Exit. The name, mode and
 * time come from GET /users/me (the server's view); until it answers, the id stands in.
 * Switching to act on an older sign-in asks for the password (or PIN) inside the bar, so it
 * stays in sight on every page.
 */
export function ImpersonationBanner() {
  const { actingAs } = useApiSession();
  // Keyed by the member, so a step-up left open does not outlive the session it was for.
  return actingAs === null ? null : <ActingBar key={actingAs} />;
}

/** The phone hides this part of a label to keep the bar one row; the words read out stay the same. */
const more = <span className="impersonation-banner__more" />;

function ActingBar() {
  const { t } = useTranslation("impersonation");
  const actingUser = useActingUser();
  const name = useActingForName() ?? "";
  const { stop } = useImpersonation();
  const modeSwitch = useImpersonationModeSwitch(name);
  const switchButton = useRef<HTMLButtonElement>(null);
  const confirmed = actingUser.data?.impersonatorUserId != null;
  const expiresAt = confirmed ? actingUser.data?.impersonationExpiresAt : null;
  const viewOnly = confirmed && actingUser.data?.impersonationMode === "view";
  const cancelStepUp = () => {
    modeSwitch.cancelStepUp();
    switchButton.current?.focus();
  };
  const extensionsLeft = actingUser.data?.impersonationExtensionsLeft ?? 0;
  return (
    <section
      className={`impersonation-banner${modeSwitch.stepUp ? " impersonation-banner--stepping-up" : ""}`}
      aria-label={t("banner.label")}
      data-testid="impersonation-banner"
    >
      <p>
        {confirmed ? (
          <>
            {viewOnly ? (
              <>
                {/* A phone shows "Viewing Alex — view only"; the words read out stay the same. */}
                <Trans t={t} i18nKey="banner.viewing" values={{ name }} components={{ strong: <strong />, more }} />
              </>
            ) : (
              <Trans t={t} i18nKey="banner.acting" values={{ name }} components={{ strong: <strong /> }} />
            )}
            {/* When time is up, ask the server again: it ends the impersonation session with its own message. */}
            {expiresAt && (
              <>
                {" "}
                · <ImpersonationCountdown expiresAt={expiresAt} onElapsed={() => void actingUser.refetch()} />
              </>
            )}
          </>
        ) : (
          t("banner.switching", { name })
        )}
      </p>
      <div className="impersonation-banner__actions">
        {confirmed && (
          <button
            ref={switchButton}
            type="button"
            className="button button--on-dark-outline"
            disabled={modeSwitch.switching}
            onClick={() => modeSwitch.switchTo(viewOnly ? "act" : "view")}
          >
            {viewOnly ? t("banner.allowActions") : t("banner.viewOnly")}
          </button>
        )}
        {expiresAt && <ExtendButton expiresAt={expiresAt} extensionsLeft={extensionsLeft} name={name} />}
        <button type="button" className="button button--on-dark" onClick={stop}>
          {/* A phone shows "Exit" to keep the bar one row; the name stays the same. */}
          <Trans t={t} i18nKey="banner.exit" components={{ more }} />
        </button>
      </div>
      {modeSwitch.stepUp && (
        <StepUpForm
          className="impersonation-banner__step-up"
          method={modeSwitch.stepUp.method}
          passkey={modeSwitch.stepUp.passkey}
          purpose={t("banner.actFor", { name })}
          busy={modeSwitch.switching}
          error={modeSwitch.stepUp.error}
          onConfirm={(secret) => modeSwitch.switchTo("act", secret)}
          onCancel={cancelStepUp}
        />
      )}
    </section>
  );
}

function ExtendButton({ expiresAt, extensionsLeft, name }: { expiresAt: string; extensionsLeft: number; name: string }) {
  const left = useTimeLeft(expiresAt);
  const extend = useExtendImpersonation();
  const notify = useNotify();
  const { t } = useTranslation("impersonation");
  if (left <= 0 || left > OFFER_EXTEND_WITHIN_MS) return null;
  if (extensionsLeft === 0) return <span className="impersonation-banner__extensions">{t("banner.noExtensions")}</span>;
  return (
    <>
      {extensionsLeft <= FEW_EXTENSIONS_LEFT && (
        <span className="impersonation-banner__extensions" id="impersonation-extensions-left">
          {/* A phone shows "1 left" beside Extend, to keep the bar short; the name stays the same. */}
          <Trans t={t} i18nKey="banner.extensionsLeft" count={extensionsLeft} components={{ more }} />
        </span>
      )}
      <button
        type="button"
        className="button button--on-dark-outline"
        disabled={extend.isPending}
        aria-label={t("banner.extendLabel", { name })}
        {...(extensionsLeft <= FEW_EXTENSIONS_LEFT ? { "aria-describedby": "impersonation-extensions-left" } : {})}
        onClick={() =>
          extend.mutate(undefined, {
            onSuccess: () => notify("info", t("banner.extended", { name })),
            onError: (error) => notify("error", t("banner.extendFailed", { error: errorMessage(error) })),
          })
        }
      >
        {extend.isPending ? t("banner.extending") : t("banner.extend")}
      </button>
    </>
  );
}
