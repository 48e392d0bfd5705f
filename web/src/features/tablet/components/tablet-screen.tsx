import { ChorusApiError, type ChorusClient, type TabletMember } from "@chorus/shared";
import { useTranslation } from "react-i18next";
import { useCallback, useEffect, useMemo, useState } from "react";
import { ErrorAlert, Loading } from "../../../components/status";
import { useApi } from "../../../lib/api-client";
import { errorMessage, hasErrorCode } from "../../../lib/errors";
import { useForgetMember } from "../api/get-member-chores";
import { useTablet } from "../api/get-tablet";
import { useDeviceToken } from "../use-device-token";
import { TABLET_IDLE_MS, useInactivity } from "../use-inactivity";
import { DeviceTokenForm } from "./device-token-form";
import { MemberChores } from "./member-chores";
import { MemberRewards } from "./member-rewards";
import { MemberTiles } from "./member-tiles";
import { PinPad } from "./pin-pad";

type Stage =
  | { step: "pick"; notice: string | null }
  | { step: "pin"; member: TabletMember; error: string | null }
  | { step: "chores"; member: TabletMember; pin: string | null };

/** The /tablet page: set up with a device token once, then pick a member, PIN, chores and rewards, and back. */
export function TabletScreen({ idleMs = TABLET_IDLE_MS }: { idleMs?: number }) {
  const { t } = useTranslation("tablet");
  const api = useApi();
  const [token, setToken] = useDeviceToken();
  const [problem, setProblem] = useState<string | null>(null);
  const device = useMemo(() => (token ? api.deviceClient(token) : null), [api, token]);

  if (!device) {
    return (
      <DeviceTokenForm
        problem={problem}
        onToken={(next) => {
          setProblem(null);
          setToken(next);
        }}
      />
    );
  }
  return (
    <TabletHome
      key={token}
      device={device}
      idleMs={idleMs}
      onTokenRefused={() => {
        setProblem(t("screen.tokenRefused"));
        setToken(null);
      }}
    />
  );
}

function TabletHome({ device, idleMs, onTokenRefused }: { device: ChorusClient; idleMs: number; onTokenRefused: () => void }) {
  const { t } = useTranslation("tablet");
  const api = useApi();
  const tablet = useTablet(device);
  const forgetMember = useForgetMember();
  const [stage, setStage] = useState<Stage>({ step: "pick", notice: null });

  const backToPicker = useCallback(
    (notice: string | null = null) => {
      forgetMember();
      setStage({ step: "pick", notice });
    },
    [forgetMember],
  );
  useInactivity(stage.step !== "pick", () => backToPicker(t("screen.idle")), idleMs);

  const member = stage.step === "chores" ? stage.member : null;
  const pin = stage.step === "chores" ? stage.pin : null;
  const tabletMember = useMemo(() => {
    if (!member || !device.getToken()) return null;
    const client = api.deviceClient(device.getToken()!);
    client.setTabletMember(member.userId, pin);
    return client;
  }, [api, device, member, pin]);

  const onRefused = useCallback(
    (error: unknown) => {
      if (error instanceof ChorusApiError && error.status === 401) return onTokenRefused();
      // A wrong PIN or a locked one: back to the PIN pad, saying which.
      if ((hasErrorCode(error, "invalid_pin") || hasErrorCode(error, "pin_locked")) && member) {
        forgetMember();
        return setStage({ step: "pin", member, error: errorMessage(error) });
      }
      if (hasErrorCode(error, "device_member_not_allowed")) {
        void tablet.refetch();
        backToPicker(errorMessage(error));
      }
    },
    [member, onTokenRefused, forgetMember, backToPicker, tablet],
  );

  const tokenRefused = tablet.error instanceof ChorusApiError && tablet.error.status === 401;
  useEffect(() => {
    if (tokenRefused) onTokenRefused();
  }, [tokenRefused, onTokenRefused]);

  if (tablet.isPending || tokenRefused) return <Loading label={t("screen.loading")} />;
  if (tablet.isError) return <ErrorAlert error={tablet.error} onRetry={() => void tablet.refetch()} />;
  const { circle } = tablet.data;

  return (
    <div className="tablet-home">
      {stage.step === "pick" && (
        <>
          <h2 className="tablet-home__question">{t("screen.whoAreYou")}</h2>
          {stage.notice && <p className="notice-box">{stage.notice}</p>}
          <MemberTiles
            members={tablet.data.members}
            onPick={(picked) =>
              setStage(picked.hasPin ? { step: "pin", member: picked, error: null } : { step: "chores", member: picked, pin: null })
            }
          />
        </>
      )}
      {stage.step === "pin" && (
        <PinPad
          key={stage.member.userId}
          name={stage.member.displayName}
          error={stage.error}
          onSubmit={(entered) => setStage({ step: "chores", member: stage.member, pin: entered })}
          onCancel={() => backToPicker()}
        />
      )}
      {stage.step === "chores" && tabletMember && (
        <MemberChores
          tabletMember={tabletMember}
          member={stage.member}
          members={tablet.data.members}
          timeZone={circle.timezone}
          onRefused={onRefused}
          onFinished={() => backToPicker()}
        />
      )}
      {stage.step === "chores" && tabletMember && <MemberRewards tabletMember={tabletMember} member={stage.member} onRefused={onRefused} />}
    </div>
  );
}
