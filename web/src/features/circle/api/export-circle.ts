import { useMutation } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";
import { downloadFile } from "../../../lib/download";

const today = () => new Date().toISOString().slice(0, 10);

/** The whole circle as the versioned JSON file another instance imports (decision 0042). */
export function useExportCircle() {
  const api = useApi();
  return useMutation({
    mutationFn: async () => downloadFile(await api.self.circles.exportData(), "application/json", `chorus-circle-${today()}.json`),
  });
}
