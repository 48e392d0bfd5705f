import type { ChorusContract } from "@chorus/shared";
import type { AppDeps } from "../deps";
import type { GroupHandlers } from "../http/route";
import { approvalPolicy } from "../policies/approvals";
import { presentApproval } from "../presenters/approvals";
import * as approvals from "../services/approvals";

/** The approval queue (decision 0027). */
export function approvalHandlers({ db }: AppDeps): GroupHandlers<ChorusContract["approvals"]> {
  return {
    list: async ({ ctx }) => ({ approvals: (await approvals.listPendingApprovals(db, approvalPolicy.decide(ctx))).map(presentApproval) }),
    approve: async ({ params, ctx }) => presentApproval(await approvals.approve(db, approvalPolicy.decide(ctx), params.id)),
    reject: async ({ params, body, ctx }) => presentApproval(await approvals.reject(db, approvalPolicy.decide(ctx), params.id, body.note)),
    approveAll: async ({ body, ctx }) => ({
      approvals: (await approvals.approveAll(db, approvalPolicy.decide(ctx), body.ids)).map(presentApproval),
    }),
  };
}
