import type { ChorusContract } from "@chorus/shared";
import type { AppDeps } from "../deps";
import type { GroupHandlers } from "../http/route";
import { devicePolicy } from "../policies/devices";
import { presentDevice } from "../presenters/accounts";
import { createDevice, listDevices, revokeDevice, tabletView } from "../services/devices";

/** Pairing and revoking shared tablets (part of the circle's endpoints). */
export function deviceHandlers({ db }: AppDeps) {
  return {
    createDevice: async ({ body, ctx }) => {
      const { device, token } = await createDevice(db, devicePolicy.manage(ctx), body);
      return { ...presentDevice(device), token };
    },
    devices: async ({ ctx }) => ({ devices: (await listDevices(db, devicePolicy.manage(ctx))).map(presentDevice) }),
    revokeDevice: async ({ params, ctx }) => revokeDevice(db, devicePolicy.manage(ctx), params.id),
  } satisfies Partial<GroupHandlers<ChorusContract["circles"]>>;
}

/** The tablet's own page. */
export function tabletHandlers({ db }: AppDeps): GroupHandlers<ChorusContract["tablet"]> {
  return {
    current: async ({ ctx }) => tabletView(db, ctx.device, ctx.circle),
  };
}
