import type { CreateDeviceRequest } from "@chorus/shared";
import { useMutation } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";
import { useInvalidateDevices } from "./get-devices";

/** Answers the new tablet's token, which the server never shows again. */
export function useCreateDevice() {
  const api = useApi();
  const invalidate = useInvalidateDevices();
  return useMutation({ mutationFn: (body: CreateDeviceRequest) => api.self.circles.createDevice(body), onSuccess: invalidate });
}
