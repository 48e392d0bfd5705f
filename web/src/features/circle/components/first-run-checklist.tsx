import type { Circle, Member } from "@chorus/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useChores } from "../../chores/api/get-chores";

/** Dismissal is remembered per circle in this browser (docs/decisions/0013-onboarding.md). */
const dismissedKey = (circleId: number) => `chorus.firstRunDismissed.${circleId}`;

interface Step {
  /** Also the step's key in the "circle" catalogue: checklist.<id>.title, .link and .hint. */
  id: "invite" | "chores" | "viewAs";
  /** Kept from before translation: tests and styles find a step by it. */
  testId: string;
  done: boolean;
  to: string;
}

/**
 * A new admin's first steps, each ticked from what the circle already has: someone else
 * invited, a chore, and a second person allowed to view tasks as others (or the feature
 * switched off). Gone once every step is done, or dismissed.
 */
export function FirstRunChecklist({ circle, members, selfId }: { circle: Circle; members: readonly Member[]; selfId: number }) {
  const chores = useChores("all");
  const { t } = useTranslation("circle");
  const [dismissed, setDismissed] = useState(() => localStorage.getItem(dismissedKey(circle.id)) !== null);
  if (dismissed || !chores.data) return null;

  const others = members.filter((member) => member.userId !== selfId);
  const steps: Step[] = [
    {
      id: "invite",
      testId: "invite",
      done: others.length > 0,
      to: "/circle",
    },
    {
      id: "chores",
      testId: "chores",
      done: chores.data.length > 0,
      to: "/chores/new",
    },
    {
      id: "viewAs",
      testId: "view-as",
      done: !circle.impersonationEnabled || others.some((member) => member.status === "active" && member.role !== "member"),
      to: "/circle",
    },
  ];
  if (steps.every((step) => step.done)) return null;

  const dismiss = () => {
    localStorage.setItem(dismissedKey(circle.id), new Date().toISOString());
    setDismissed(true);
  };
  const doneCount = steps.filter((step) => step.done).length;
  return (
    <section className="card checklist" aria-labelledby="checklist-heading">
      <div className="checklist__header">
        <h2 id="checklist-heading">{t("checklist.heading")}</h2>
        <span className="muted">{t("checklist.progress", { done: doneCount, count: steps.length })}</span>
      </div>
      <ul className="checklist__steps">
        {steps.map((step) => (
          <li
            key={step.id}
            className={step.done ? "checklist__step checklist__step--done" : "checklist__step"}
            data-testid={`checklist-${step.testId}`}
          >
            <span className="checklist__mark" aria-hidden="true">
              {step.done ? "✓" : ""}
            </span>
            <span>
              <strong>{t(`checklist.${step.id}.title`)}</strong>
              <span className="visually-hidden">{` ${step.done ? t("checklist.done") : t("checklist.toDo")}`}</span>
              {!step.done && (
                <>
                  {" "}
                  <Link to={step.to}>{t(`checklist.${step.id}.link`)}</Link>
                  <br />
                  <span className="muted">{t(`checklist.${step.id}.hint`)}</span>
                </>
              )}
            </span>
          </li>
        ))}
      </ul>
      <button type="button" className="button button--quiet" onClick={dismiss}>
        {t("checklist.hide")}
      </button>
    </section>
  );
}
