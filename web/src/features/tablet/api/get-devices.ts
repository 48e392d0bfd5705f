import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";

const devicesQueryKey = ["devices"] as const;

/** The circle's shared tablets (never their tokens); admins only. */
export function useDevices() {
  const api = useApi();
  return useQuery({ queryKey: devicesQueryKey, queryFn: async () => (await api.self.circles.devices()).devices });
}

/** After creating or revoking a tablet the list is stale. Not awaited, like useInvalidateCircle. */
export function useInvalidateDevices() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: devicesQueryKey });
}
