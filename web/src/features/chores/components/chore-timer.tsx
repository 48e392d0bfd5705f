import type { Chore } from "@chorus/shared";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDuration } from "../../../lib/dates";

/** Time spent so far: the saved seconds plus, while running, the time since it was started. */
function elapsedSeconds(chore: Pick<Chore, "timerSeconds" | "timerRunningSince">, now: number): number {
  const running = chore.timerRunningSince ? Math.max(0, (now - Date.parse(chore.timerRunningSince)) / 1000) : 0;
  return chore.timerSeconds + running;
}

export function ChoreTimer({ chore }: { chore: Pick<Chore, "timerSeconds" | "timerRunningSince" | "status"> }) {
  const { t } = useTranslation("chores");
  const running = chore.timerRunningSince !== null;
  const [now, setNow] = useState(() => Date.now());
  // A new start time restarts the tick from the clock, not from the last render's time.
  useEffect(() => {
    if (!running) return;
    // oxlint-disable-next-line react/set-state-in-effect -- one render at the start, as above
    setNow(Date.now());
    const interval = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(interval);
    // oxlint-disable-next-line react/exhaustive-effect-dependencies -- as said above
  }, [running, chore.timerRunningSince]);

  if (!running && chore.timerSeconds === 0) return null;
  return (
    <span className={`timer${running ? " timer--running" : ""}`}>
      <span className="visually-hidden">{running ? t("timer.running") : t("timer.paused")}</span>
      <span aria-hidden="true">{running ? "● " : "❚❚ "}</span>
      <time role="timer" aria-live="off">
        {formatDuration(elapsedSeconds(chore, now))}
      </time>
    </span>
  );
}
