import type { Circle, Member } from "@chorus/shared";
import { useState } from "react";
import { Link } from "react-router";
import { useChores } from "../../chores/api/get-chores";

/** Dismissal is remembered per circle in this browser (docs/decisions/0013-onboarding.md). */
const dismissedKey = (circleId: number) => `chorus.firstRunDismissed.${circleId}`;

interface Step {
  id: string;
  done: boolean;
  title: string;
  to: string;
  linkText: string;
  hint: string;
}

/**
 * A new admin's first steps, each ticked from what the circle already has: someone else
 * invited, a chore, and a second person allowed to view tasks as others (or the feature
 * switched off). Gone once every step is done, or dismissed.
 */
export function FirstRunChecklist({ circle, members, selfId }: { circle: Circle; members: readonly Member[]; selfId: number }) {
  const chores = useChores("all");
  const [dismissed, setDismissed] = useState(() => localStorage.getItem(dismissedKey(circle.id)) !== null);
  if (dismissed || !chores.data) return null;

  const others = members.filter((member) => member.userId !== selfId);
  const steps: Step[] = [
    {
      id: "invite",
      done: others.length > 0,
      title: "Invite your household",
      to: "/circle",
      linkText: "Get the invite link",
      hint: "Send it or show its QR code; you accept each person on the Circle page.",
    },
    {
      id: "chores",
      done: chores.data.length > 0,
      title: "Create the first chores",
      to: "/chores/new",
      linkText: "Create a chore",
      hint: "Dishes, bins, plants: who does what, and how often.",
    },
    {
      id: "view-as",
      done: !circle.impersonationEnabled || others.some((member) => member.status === "active" && member.role !== "member"),
      title: "Decide who may view tasks as whom",
      to: "/circle",
      linkText: "Roles and “Can view tasks as others”",
      hint: "Make another grown-up a manager or admin to let them help, or switch the feature off in Settings.",
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
        <h2 id="checklist-heading">Getting started</h2>
        <span className="muted">
          {doneCount} of {steps.length} done
        </span>
      </div>
      <ul className="checklist__steps">
        {steps.map((step) => (
          <li
            key={step.id}
            className={step.done ? "checklist__step checklist__step--done" : "checklist__step"}
            data-testid={`checklist-${step.id}`}
          >
            <span className="checklist__mark" aria-hidden="true">
              {step.done ? "✓" : ""}
            </span>
            <span>
              <strong>{step.title}</strong>
              <span className="visually-hidden">{step.done ? " (done)" : " (to do)"}</span>
              {!step.done && (
                <>
                  {" "}
                  <Link to={step.to}>{step.linkText}</Link>
                  <br />
                  <span className="muted">{step.hint}</span>
                </>
              )}
            </span>
          </li>
        ))}
      </ul>
      <button type="button" className="button button--quiet" onClick={dismiss}>
        Hide this list
      </button>
    </section>
  );
}
