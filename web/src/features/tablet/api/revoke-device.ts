import { useMutation } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";
import { useInvalidateDevices } from "./get-devices";

/** The tablet's next request is refused. */
export function useRevokeDevice() {
  const api = useApi();
  const invalidate = useInvalidateDevices();
  return useMutation({ mutationFn: (id: number) => api.self.circles.revokeDevice(id), onSuccess: invalidate });
}
