import type { RewardRequestStatus } from "@chorus/shared";

/** A request's status as the web app and the tablet name it. */
export const STATUS_LABELS: Record<RewardRequestStatus, string> = {
  pending: "Waiting",
  approved: "Approved",
  declined: "Declined",
  refunded: "Refunded",
};
