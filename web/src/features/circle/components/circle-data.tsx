import { circleExportCsvKindSchema, type CircleExport, type CircleExportCsvKind } from "@chorus/shared";
import { useState, type ChangeEvent } from "react";
import { useTranslation } from "react-i18next";
import { Field } from "../../../components/form";
import { useNotify } from "../../../components/notices";
import { errorMessage } from "../../../lib/errors";
import { useExportCircle } from "../api/export-circle";
import { useExportCircleCsv } from "../api/export-circle-csv";
import { useImportCircle } from "../api/import-circle";

/** Export the circle (JSON for another instance, CSV for a spreadsheet) and import an export into a new circle (decision 0042). */
export function CircleData() {
  const notify = useNotify();
  const { t } = useTranslation("circle");
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
      notify("error", t("data.notJson", { file: file.name }));
      return;
    } finally {
      input.value = "";
    }
    importCircle.mutate(parsed, {
      onSuccess: (result) =>
        notify(
          "success",
          t("data.imported", {
            people: t("data.people", { count: result.people.length }),
            chores: t("data.chores", { count: result.counts.chores ?? 0 }),
          }),
        ),
      onError,
    });
  }

  return (
    <section className="card circle-data" aria-labelledby="circle-data-heading">
      <h2 id="circle-data-heading">{t("data.heading")}</h2>
      <p className="muted">{t("data.about")}</p>
      <div className="circle-data__row">
        <button type="button" className="button" disabled={exportJson.isPending} onClick={() => exportJson.mutate(undefined, { onError })}>
          {exportJson.isPending ? t("data.preparing") : t("data.downloadJson")}
        </button>
      </div>
      <div className="circle-data__row">
        <Field label={t("data.csvOf")}>
          {(control) => (
            <select {...control} name="csvKind" value={kind} onChange={(e) => setKind(circleExportCsvKindSchema.parse(e.target.value))}>
              {circleExportCsvKindSchema.options.map((option) => (
                <option key={option} value={option}>
                  {t(`data.kinds.${option}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="button" className="button" disabled={exportCsv.isPending} onClick={() => exportCsv.mutate(kind, { onError })}>
          {exportCsv.isPending ? t("data.preparing") : t("data.downloadCsv")}
        </button>
      </div>
      <Field label={t("data.import")} hint={t("data.importHint")}>
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
      {importCircle.isPending && <p role="status">{t("data.importing")}</p>}
    </section>
  );
}
