import { circleExportCsvKindSchema, type CircleExport, type CircleExportCsvKind } from "@chorus/shared";
import { useState, type ChangeEvent } from "react";
import { Field } from "../../../components/form";
import { useNotify } from "../../../components/notices";
import { errorMessage } from "../../../lib/errors";
import { useExportCircle } from "../api/export-circle";
import { useExportCircleCsv } from "../api/export-circle-csv";
import { useImportCircle } from "../api/import-circle";

const CSV_LABELS: Record<CircleExportCsvKind, string> = {
  members: "Members",
  chores: "Chores",
  history: "History",
  points: "Points ledger",
  audit: "Audit log",
};

/** Export the circle (JSON for another instance, CSV for a spreadsheet) and import an export into a new circle (decision 0042). */
export function CircleData() {
  const notify = useNotify();
  const exportJson = useExportCircle();
  const exportCsv = useExportCircleCsv();
  const importCircle = useImportCircle();
  const [kind, setKind] = useState<CircleExportCsvKind>("history");
  const onError = (error: Error) => notify("error", errorMessage(error));

  async function importFile(event: ChangeEvent<HTMLInputElement>) {
    const input = event.target;
    const file = input.files?.[0];
    if (!file) return;
    let parsed: CircleExport;
    try {
      parsed = JSON.parse(await file.text()) as CircleExport;
    } catch {
      notify("error", `${file.name} is not a JSON file.`);
      return;
    } finally {
      input.value = "";
    }
    importCircle.mutate(parsed, {
      onSuccess: (result) => notify("success", `Imported ${result.people.length} people and ${result.counts.chores ?? 0} chores.`),
      onError,
    });
  }

  return (
    <section className="card circle-data" aria-labelledby="circle-data-heading">
      <h2 id="circle-data-heading">Export and import</h2>
      <p className="muted">
        Everything in the circle — members, chores, history, points and the audit log. The file holds members’ emails: keep it safe.
      </p>
      <div className="circle-data__row">
        <button type="button" className="button" disabled={exportJson.isPending} onClick={() => exportJson.mutate(undefined, { onError })}>
          {exportJson.isPending ? "Preparing…" : "Download JSON"}
        </button>
      </div>
      <div className="circle-data__row">
        <Field label="CSV of">
          {(control) => (
            <select {...control} name="csvKind" value={kind} onChange={(e) => setKind(circleExportCsvKindSchema.parse(e.target.value))}>
              {circleExportCsvKindSchema.options.map((option) => (
                <option key={option} value={option}>
                  {CSV_LABELS[option]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="button" className="button" disabled={exportCsv.isPending} onClick={() => exportCsv.mutate(kind, { onError })}>
          {exportCsv.isPending ? "Preparing…" : "Download CSV"}
        </button>
      </div>
      <Field
        label="Import a circle export"
        hint="Only into a new circle where you are its only member. You are matched by your email; the others get new accounts."
      >
        {(control) => (
          <input
            {...control}
            type="file"
            name="importFile"
            accept="application/json,.json"
            disabled={importCircle.isPending}
            onChange={(e) => void importFile(e)}
          />
        )}
      </Field>
      {importCircle.isPending && <p role="status">Importing…</p>}
    </section>
  );
}
