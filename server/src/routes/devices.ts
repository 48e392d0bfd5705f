import { createDeviceRequestSchema, idParamSchema } from "@chorus/shared";
import { z } from "zod";
import type { AppDeps } from "../deps";
import { parseInput } from "../errors";
import { created, noContent, ok, type Route } from "../http/route";
import { devicePolicy } from "../policies/devices";
import { presentDevice } from "../presenters/accounts";
import { createDevice, listDevices, revokeDevice, tabletView } from "../services/devices";

const deviceParams = z.object({ id: idParamSchema });

export function deviceRoutes({ db }: AppDeps): Route[] {
  return [
    {
      method: "POST",
      path: "/circles/current/devices",
      auth: "user",
      handle: async ({ req, ctx }) => {
        const input = parseInput(createDeviceRequestSchema, req.body, "body");
        const { device, token } = await createDevice(db, devicePolicy.manage(ctx), input);
        return created({ ...presentDevice(device), token });
      },
    },
    {
      method: "GET",
      path: "/circles/current/devices",
      auth: "user",
      handle: async ({ ctx }) => ok({ devices: (await listDevices(db, devicePolicy.manage(ctx))).map(presentDevice) }),
    },
    {
      method: "DELETE",
      path: "/circles/current/devices/:id",
      auth: "user",
      handle: async ({ req, ctx }) => {
        const { id } = parseInput(deviceParams, req.params, "params");
        await revokeDevice(db, devicePolicy.manage(ctx), id);
        return noContent();
      },
    },
    {
      method: "GET",
      path: "/devices/current",
      auth: "device",
      handle: async ({ device, circle }) => ok(await tabletView(db, device, circle)),
    },
  ];
}
