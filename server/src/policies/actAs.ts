/**
 * Act-as sessions (docs/decisions/0012): starting one explicitly follows the same caller
 * and target rules as the selector header (DESIGN §5 steps 4 and 5), and a session past
 * its time limit refuses the header until it is started again.
 */
import type { Role } from "@chorus/shared";
import { ApiError } from "../errors";
import { callerRefusal, targetAllowed, targetNotAllowed, type ImpersonationCaller, type ImpersonationTarget } from "./impersonation";

export const actAsPolicy = {
  /** POST /impersonation: returns the refusal, or null when the caller may act as the target. */
  startRefusal(caller: ImpersonationCaller & { userId: number }, target: ImpersonationTarget | null): ApiError | null {
    const refusal = callerRefusal(caller);
    if (refusal) return refusal;
    return targetAllowed({ userId: caller.userId, role: caller.role as Role }, target) ? null : targetNotAllowed();
  },

  expired(expiresAt: Date): ApiError {
    return new ApiError(
      "impersonation_expired",
      "Your time acting as this member is up; start acting as them again to continue",
      { expiredAt: expiresAt.toISOString() },
    );
  },
};
