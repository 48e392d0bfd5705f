import { lazy, Suspense, type ComponentProps } from "react";
import type { StepUpForm as StepUpFormType } from "./step-up-form";

// Fetched when first asked for: a step-up is rare, and the tasks page's first download has a budget (decision 0018).
const StepUpFormChunk = lazy(async () => ({ default: (await import("./step-up-form")).StepUpForm }));

/** StepUpForm, loaded on first use. */
export function StepUpForm(props: ComponentProps<typeof StepUpFormType>) {
  return (
    <Suspense fallback={null}>
      <StepUpFormChunk {...props} />
    </Suspense>
  );
}
