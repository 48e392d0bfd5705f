import type { CircleExportCsvKind } from "@chorus/shared";
import { useMutation } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";
import { downloadFile } from "../../../lib/download";

/** One kind of the circle's records as CSV, for a spreadsheet. */
export function useExportCircleCsv() {
  const api = useApi();
  return useMutation({
    mutationFn: async (kind: CircleExportCsvKind) => {
      const csv = await api.self.circles.exportCsv({ kind });
      downloadFile(csv, "text/csv;charset=utf-8", `chorus-circle-${new Date().toISOString().slice(0, 10)}-${kind}.csv`);
    },
  });
}
