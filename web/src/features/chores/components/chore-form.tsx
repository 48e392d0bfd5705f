import {
  assignmentModeSchema,
  assignmentStrategySchema,
  createChoreRequestSchema,
  MAX_PENALTY_POINTS,
  scheduleModeSchema,
  type AssignmentMode,
  type AssignmentStrategy,
  type Chore,
  type CreateChoreRequest,
  type Frequency,
  type FrequencyType,
  type Member,
  type ScheduleMode,
} from "@chorus/shared";
import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { Field, FormErrorSummary, TextField, errorFor } from "../../../components/form";
import { fieldErrorsFromIssues, type FieldErrors } from "../../../lib/field-errors";
import { useFormErrors } from "../../../lib/use-form-errors";
import { i18next } from "../../../lib/i18n";
import { fromWallTime, toWallTime } from "../../../lib/wall-time";
import {
  ASSIGNMENT_MODE_LABELS,
  MONTHS,
  PRIORITIES,
  PRIORITY_LABELS,
  STRATEGY_LABELS,
  WEEKDAYS,
  monthName,
  weekdayName,
} from "../utils/describe-chore";
import { ChecklistEditor, type ChecklistDraftItem } from "./checklist-editor";

/** The choices of "Repeats", in order; each labelled `form.frequencies.<type>`. */
const FREQUENCY_TYPES: readonly FrequencyType[] = ["once", "daily", "weekly", "monthly", "yearly", "interval"];

type IntervalUnit = Extract<Frequency, { type: "interval" }>["unit"];

/** What the inputs hold: text as typed, turned into a request only on submit. */
interface ChoreFormValues {
  name: string;
  description: string;
  frequencyType: FrequencyType;
  weekdays: number[];
  dayOfMonth: string;
  intervalEvery: string;
  intervalUnit: IntervalUnit;
  scheduleMode: ScheduleMode;
  /** "YYYY-MM-DDTHH:mm" in the circle's time zone, or "" for no due date. */
  nextDue: string;
  /** "" for no window: until the next occurrence is due (decision 0031). */
  window: string;
  windowUnit: WindowUnit;
  assignees: number[];
  /** "" lets the server pick by the strategy. */
  assignedTo: string;
  assignmentStrategy: AssignmentStrategy;
  assignmentMode: AssignmentMode;
  onlyAssigneeCompletes: boolean;
  points: string;
  priority: string;
  labels: string;
  isPrivate: boolean;
  mandatory: boolean;
  penaltyPoints: string;
  grace: string;
  graceUnit: GraceUnit;
  photoRequired: boolean;
  needsApproval: boolean;
  /** Only in some months (decision 0033); `months` are kept while it is off, so toggling loses nothing. */
  seasonal: boolean;
  months: number[];
  checklist: ChecklistDraftItem[];
  checklistRequired: boolean;
}

type GraceUnit = "minutes" | "hours";
type WindowUnit = "hours" | "days";
const MINUTES_PER: Record<GraceUnit | WindowUnit, number> = { minutes: 1, hours: 60, days: 24 * 60 };

function initialChoreFormValues(chore: Chore | null, timeZone: string, defaultAssignee: number | null): ChoreFormValues {
  const frequency = chore?.frequency ?? { type: "once" };
  const graceMinutes = chore?.penalty?.graceMinutes ?? 0;
  const windowMinutes = chore?.completionWindowMinutes ?? null;
  // Whole days are shown as days; anything else in hours.
  const windowUnit: WindowUnit = windowMinutes !== null && windowMinutes % MINUTES_PER.days === 0 ? "days" : "hours";
  return {
    name: chore?.name ?? "",
    description: chore?.description ?? "",
    frequencyType: frequency.type,
    weekdays: frequency.type === "weekly" ? [...frequency.weekdays] : [],
    dayOfMonth: frequency.type === "monthly" ? String(frequency.dayOfMonth) : "1",
    intervalEvery: frequency.type === "interval" ? String(frequency.every) : "2",
    intervalUnit: frequency.type === "interval" ? frequency.unit : "weeks",
    scheduleMode: chore?.scheduleMode ?? "fixed",
    nextDue: chore?.nextDueDate ? toWallTime(chore.nextDueDate, timeZone) : "",
    window: windowMinutes === null ? "" : String(windowMinutes / MINUTES_PER[windowUnit]),
    windowUnit,
    assignees: chore ? [...chore.assignees] : defaultAssignee === null ? [] : [defaultAssignee],
    // A shared chore's assignedTo is a claim, not something the form sets (decision 0035).
    assignedTo: chore?.assignedTo && chore.assignmentMode === "rotation" ? String(chore.assignedTo) : "",
    assignmentStrategy: chore?.assignmentStrategy ?? "keep",
    assignmentMode: chore?.assignmentMode ?? "rotation",
    onlyAssigneeCompletes: chore?.onlyAssigneeCompletes ?? false,
    points: String(chore?.points ?? 0),
    priority: String(chore?.priority ?? 0),
    labels: chore?.labels.join(", ") ?? "",
    isPrivate: chore?.isPrivate ?? false,
    mandatory: chore?.penalty != null,
    penaltyPoints: String(chore?.penalty?.points ?? 5),
    // Whole hours are shown as hours; anything else in minutes.
    grace: String(graceMinutes % 60 === 0 ? graceMinutes / 60 : graceMinutes),
    graceUnit: graceMinutes % 60 === 0 ? "hours" : "minutes",
    photoRequired: chore?.photoRequired ?? false,
    needsApproval: chore?.needsApproval ?? false,
    seasonal: chore?.activeMonths != null,
    months: chore?.activeMonths ? [...chore.activeMonths] : [],
    checklist: chore?.checklist.map(({ id, text }) => ({ key: `item-${id}`, id, text })) ?? [],
    checklistRequired: chore?.checklistRequired ?? false,
  };
}

function toFrequency(values: ChoreFormValues): Frequency {
  switch (values.frequencyType) {
    case "weekly":
      return { type: "weekly", weekdays: [...values.weekdays].sort((a, b) => a - b) };
    case "monthly":
      return { type: "monthly", dayOfMonth: toNumber(values.dayOfMonth) };
    case "interval":
      return { type: "interval", every: toNumber(values.intervalEvery), unit: values.intervalUnit };
    default:
      return { type: values.frequencyType };
  }
}

/** Empty number inputs become NaN so the shared schema reports them instead of quietly sending 0. */
function toNumber(text: string): number {
  return text.trim() === "" ? Number.NaN : Number(text);
}

/** The penalty fields, only for those who may set them (the form leaves a chore's penalty alone otherwise). */
function toPenalty(values: ChoreFormValues): Pick<CreateChoreRequest, "penalty"> {
  if (!values.mandatory) return { penalty: null };
  return { penalty: { points: toNumber(values.penaltyPoints), graceMinutes: toNumber(values.grace) * MINUTES_PER[values.graceUnit] } };
}

function toChoreRequest(
  values: ChoreFormValues,
  timeZone: string,
  canSetPenalty: boolean,
): { request: CreateChoreRequest } | { errors: FieldErrors } {
  const nextDueDate = values.nextDue === "" ? null : fromWallTime(values.nextDue, timeZone);
  if (values.nextDue !== "" && nextDueDate === null) return { errors: { nextDueDate: i18next.t("chores:form.invalidDue") } };
  const candidate = {
    name: values.name.trim(),
    description: values.description,
    frequency: toFrequency(values),
    scheduleMode: values.scheduleMode,
    nextDueDate,
    completionWindowMinutes: values.window.trim() === "" ? null : Math.round(toNumber(values.window) * MINUTES_PER[values.windowUnit]),
    assignees: values.assignees,
    ...(values.assignedTo === "" || values.assignmentMode !== "rotation" ? {} : { assignedTo: Number(values.assignedTo) }),
    assignmentStrategy: values.assignmentStrategy,
    assignmentMode: values.assignmentMode,
    onlyAssigneeCompletes: values.assignmentMode !== "everyone" && values.onlyAssigneeCompletes,
    points: toNumber(values.points),
    priority: toNumber(values.priority),
    labels: values.labels
      .split(",")
      .map((label) => label.trim())
      .filter((label) => label !== ""),
    isPrivate: values.isPrivate,
    ...(canSetPenalty ? toPenalty(values) : {}),
    photoRequired: values.photoRequired,
    needsApproval: values.needsApproval,
    activeMonths: values.seasonal && values.frequencyType !== "once" ? [...values.months].sort((a, b) => a - b) : null,
    checklist: values.checklist.map(({ id, text }) => (id === undefined ? { text: text.trim() } : { id, text: text.trim() })),
    checklistRequired: values.checklistRequired,
  };
  const parsed = createChoreRequestSchema.safeParse(candidate);
  return parsed.success ? { request: parsed.data } : { errors: fieldErrorsFromIssues(parsed.error.issues) };
}

const SHOWN_FIELDS = [
  "name",
  "description",
  "frequency",
  "scheduleMode",
  "nextDueDate",
  "completionWindowMinutes",
  "assignees",
  "assignedTo",
  "assignmentStrategy",
  "assignmentMode",
  "onlyAssigneeCompletes",
  "points",
  "priority",
  "labels",
  "isPrivate",
  "penalty",
  "photoRequired",
  "needsApproval",
  "activeMonths",
  "checklist",
  "checklistRequired",
] as const;

export interface ChoreFormProps {
  chore: Chore | null;
  members: readonly Member[];
  timeZone: string;
  defaultAssignee: number | null;
  submitLabel: string;
  /** Admins and managers: the form offers "Mandatory" and its penalty (decision 0028). */
  canSetPenalty: boolean;
  /** Resolves when saved; rejects with the API error, whose field errors the form shows. */
  onSubmit: (request: CreateChoreRequest) => Promise<unknown>;
  onCancel: () => void;
}

export function ChoreForm({ chore, members, timeZone, defaultAssignee, submitLabel, canSetPenalty, onSubmit, onCancel }: ChoreFormProps) {
  const [values, setValues] = useState(() => initialChoreFormValues(chore, timeZone, defaultAssignee));
  const { errors, formError, showErrors, showFailure } = useFormErrors();
  const [saving, setSaving] = useState(false);
  const { t } = useTranslation("chores");
  const activeMembers = members.filter((member) => member.status === "active");

  function set<K extends keyof ChoreFormValues>(key: K, value: ChoreFormValues[K]) {
    setValues((current) => ({ ...current, [key]: value }));
  }

  function toggle(list: number[], value: number, on: boolean): number[] {
    return on ? [...list.filter((item) => item !== value), value] : list.filter((item) => item !== value);
  }

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = toChoreRequest(values, timeZone, canSetPenalty);
    showErrors("errors" in result ? result.errors : {});
    if ("errors" in result) return;
    setSaving(true);
    try {
      await onSubmit(result.request);
    } catch (error) {
      showFailure(error);
    } finally {
      setSaving(false);
    }
  }

  const frequencyError = errors.frequency ?? errors["frequency.type"];

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="form chore-form" aria-label={submitLabel}>
      <FormErrorSummary errors={errors} shownFields={SHOWN_FIELDS} formError={formError} />

      <TextField
        label={t("form.name")}
        name="name"
        value={values.name}
        onChange={(e) => set("name", e.target.value)}
        error={errorFor(errors, "name")}
        required
        maxLength={100}
      />
      <Field label={t("form.description")} error={errorFor(errors, "description")}>
        {(control) => (
          <textarea
            {...control}
            name="description"
            rows={3}
            value={values.description}
            onChange={(e) => set("description", e.target.value)}
          />
        )}
      </Field>

      <fieldset className="fieldset">
        <legend>{t("form.schedule")}</legend>
        <Field label={t("form.repeats")} error={frequencyError}>
          {(control) => (
            <select
              {...control}
              name="frequencyType"
              value={values.frequencyType}
              onChange={(e) => set("frequencyType", e.target.value as FrequencyType)}
            >
              {FREQUENCY_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`form.frequencies.${type}`)}
                </option>
              ))}
            </select>
          )}
        </Field>

        {values.frequencyType === "weekly" && (
          <fieldset className="fieldset fieldset--inline" aria-describedby={errors["frequency.weekdays"] ? "weekdays-error" : undefined}>
            <legend>{t("form.weekdays")}</legend>
            <div className="checkbox-row">
              {WEEKDAYS.map((day) => (
                <label key={day} className="checkbox">
                  <input
                    type="checkbox"
                    checked={values.weekdays.includes(day)}
                    onChange={(e) => set("weekdays", toggle(values.weekdays, day, e.target.checked))}
                  />
                  <span>{weekdayName(day, "long")}</span>
                </label>
              ))}
            </div>
            {errorFor(errors, "frequency.weekdays") && (
              <p className="field__error" id="weekdays-error">
                {errorFor(errors, "frequency.weekdays")}
              </p>
            )}
          </fieldset>
        )}

        {values.frequencyType === "monthly" && (
          <TextField
            label={t("form.dayOfMonth")}
            name="dayOfMonth"
            type="number"
            inputMode="numeric"
            min={1}
            max={31}
            hint={t("form.dayOfMonthHint")}
            value={values.dayOfMonth}
            onChange={(e) => set("dayOfMonth", e.target.value)}
            error={errorFor(errors, "frequency.dayOfMonth")}
          />
        )}

        {values.frequencyType === "interval" && (
          <div className="field-row">
            <TextField
              label={t("form.every")}
              name="intervalEvery"
              type="number"
              inputMode="numeric"
              min={1}
              max={366}
              value={values.intervalEvery}
              onChange={(e) => set("intervalEvery", e.target.value)}
              error={errorFor(errors, "frequency.every")}
            />
            <Field label={t("form.unit")} error={errorFor(errors, "frequency.unit")}>
              {(control) => (
                <select
                  {...control}
                  name="intervalUnit"
                  value={values.intervalUnit}
                  onChange={(e) => set("intervalUnit", e.target.value as IntervalUnit)}
                >
                  <option value="days">{t("form.units.days")}</option>
                  <option value="weeks">{t("form.units.weeks")}</option>
                  <option value="months">{t("form.units.months")}</option>
                </select>
              )}
            </Field>
          </div>
        )}

        {values.frequencyType !== "once" && (
          <fieldset className="fieldset fieldset--inline">
            <legend>{t("form.nextDueIs")}</legend>
            {scheduleModeSchema.options.map((mode) => (
              <label key={mode} className="checkbox">
                <input
                  type="radio"
                  name="scheduleMode"
                  value={mode}
                  checked={values.scheduleMode === mode}
                  onChange={() => set("scheduleMode", mode)}
                />
                <span>{t(`form.scheduleModes.${mode}`)}</span>
              </label>
            ))}
            {errorFor(errors, "scheduleMode") && <p className="field__error">{errorFor(errors, "scheduleMode")}</p>}
          </fieldset>
        )}

        {values.frequencyType !== "once" && (
          <>
            <label className="checkbox">
              <input type="checkbox" name="seasonal" checked={values.seasonal} onChange={(e) => set("seasonal", e.target.checked)} />
              <span>{t("form.seasonal")}</span>
            </label>
            {values.seasonal && (
              <fieldset
                className="fieldset fieldset--inline"
                aria-describedby={errors.activeMonths ? "months-hint months-error" : "months-hint"}
              >
                <legend>{t("form.activeIn")}</legend>
                <p className="field__hint" id="months-hint">
                  {t("form.activeInHint")}
                </p>
                <div className="checkbox-row">
                  {MONTHS.map((month) => (
                    <label key={month} className="checkbox">
                      <input
                        type="checkbox"
                        checked={values.months.includes(month)}
                        onChange={(e) => set("months", toggle(values.months, month, e.target.checked))}
                      />
                      <span>{monthName(month)}</span>
                    </label>
                  ))}
                </div>
                {errorFor(errors, "activeMonths") && (
                  <p className="field__error" id="months-error">
                    {errorFor(errors, "activeMonths")}
                  </p>
                )}
              </fieldset>
            )}
          </>
        )}

        <TextField
          label={t("form.due")}
          name="nextDue"
          type="datetime-local"
          hint={values.frequencyType === "once" ? t("form.dueHintOnce", { timeZone }) : t("form.dueHintRepeating", { timeZone })}
          value={values.nextDue}
          onChange={(e) => set("nextDue", e.target.value)}
          error={errorFor(errors, "nextDueDate")}
        />
        <div className="field-row">
          <TextField
            label={t("form.window")}
            name="window"
            type="number"
            inputMode="numeric"
            min={1}
            hint={t("form.windowHint")}
            value={values.window}
            onChange={(e) => set("window", e.target.value)}
            error={errorFor(errors, "completionWindowMinutes")}
          />
          <Field label={t("form.windowUnit")}>
            {(control) => (
              <select
                {...control}
                name="windowUnit"
                value={values.windowUnit}
                onChange={(e) => set("windowUnit", e.target.value as WindowUnit)}
              >
                <option value="hours">{t("form.units.hours")}</option>
                <option value="days">{t("form.units.days")}</option>
              </select>
            )}
          </Field>
        </div>
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t("form.who")}</legend>
        <fieldset className="fieldset fieldset--inline">
          <legend>{t("form.assignees")}</legend>
          <div className="checkbox-row">
            {activeMembers.map((member) => (
              <label key={member.userId} className="checkbox">
                <input
                  type="checkbox"
                  checked={values.assignees.includes(member.userId)}
                  onChange={(e) => set("assignees", toggle(values.assignees, member.userId, e.target.checked))}
                />
                <span>{member.displayName}</span>
              </label>
            ))}
          </div>
          {errorFor(errors, "assignees") && <p className="field__error">{errorFor(errors, "assignees")}</p>}
        </fieldset>
        <fieldset className="fieldset fieldset--inline">
          <legend>{t("form.sharedHow")}</legend>
          {assignmentModeSchema.options.map((mode) => (
            <label key={mode} className="checkbox">
              <input
                type="radio"
                name="assignmentMode"
                value={mode}
                checked={values.assignmentMode === mode}
                onChange={() => set("assignmentMode", mode)}
              />
              <span>{ASSIGNMENT_MODE_LABELS[mode]}</span>
            </label>
          ))}
          {errorFor(errors, "assignmentMode") && <p className="field__error">{errorFor(errors, "assignmentMode")}</p>}
        </fieldset>
        {values.assignmentMode !== "everyone" && (
          <label className="checkbox">
            <input
              type="checkbox"
              name="onlyAssigneeCompletes"
              checked={values.onlyAssigneeCompletes}
              onChange={(e) => set("onlyAssigneeCompletes", e.target.checked)}
            />
            <span>{values.assignmentMode === "anyone" ? t("form.onlyClaimer") : t("form.onlyAssignee")}</span>
          </label>
        )}
        {values.assignmentMode === "rotation" && (
          <>
            <Field label={t("form.assignedNow")} error={errorFor(errors, "assignedTo")}>
              {(control) => (
                <select {...control} name="assignedTo" value={values.assignedTo} onChange={(e) => set("assignedTo", e.target.value)}>
                  <option value="">{chore ? t("form.keepAsIs") : t("form.firstAssignee")}</option>
                  {activeMembers
                    .filter((member) => values.assignees.includes(member.userId))
                    .map((member) => (
                      <option key={member.userId} value={member.userId}>
                        {member.displayName}
                      </option>
                    ))}
                </select>
              )}
            </Field>
            <Field label={t("form.strategy")} error={errorFor(errors, "assignmentStrategy")}>
              {(control) => (
                <select
                  {...control}
                  name="assignmentStrategy"
                  value={values.assignmentStrategy}
                  onChange={(e) => set("assignmentStrategy", e.target.value as AssignmentStrategy)}
                >
                  {assignmentStrategySchema.options.map((strategy) => (
                    <option key={strategy} value={strategy}>
                      {STRATEGY_LABELS[strategy]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </>
        )}
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t("form.details")}</legend>
        <div className="field-row">
          <TextField
            label={t("form.points")}
            name="points"
            type="number"
            inputMode="numeric"
            min={0}
            max={10000}
            value={values.points}
            onChange={(e) => set("points", e.target.value)}
            error={errorFor(errors, "points")}
          />
          <Field label={t("form.priority")} error={errorFor(errors, "priority")}>
            {(control) => (
              <select {...control} name="priority" value={values.priority} onChange={(e) => set("priority", e.target.value)}>
                {PRIORITIES.map((priority) => (
                  <option key={priority} value={priority}>
                    {t("form.priorityOption", { priority, label: PRIORITY_LABELS[priority] })}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <TextField
          label={t("form.labels")}
          name="labels"
          hint={t("form.labelsHint")}
          value={values.labels}
          onChange={(e) => set("labels", e.target.value)}
          error={errorFor(errors, "labels")}
        />
        <label className="checkbox">
          <input type="checkbox" name="isPrivate" checked={values.isPrivate} onChange={(e) => set("isPrivate", e.target.checked)} />
          <span>{t("form.private")}</span>
        </label>
        {errorFor(errors, "isPrivate") && <p className="field__error">{errorFor(errors, "isPrivate")}</p>}
        <label className="checkbox">
          <input
            type="checkbox"
            name="photoRequired"
            checked={values.photoRequired}
            onChange={(e) => set("photoRequired", e.target.checked)}
          />
          <span>{t("form.photo")}</span>
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            name="needsApproval"
            checked={values.needsApproval}
            onChange={(e) => set("needsApproval", e.target.checked)}
          />
          <span>{t("form.approval")}</span>
        </label>
      </fieldset>

      <ChecklistEditor
        items={values.checklist}
        required={values.checklistRequired}
        errors={errors}
        onChange={(items) => set("checklist", items)}
        onRequiredChange={(required) => set("checklistRequired", required)}
      />

      {canSetPenalty && (
        <fieldset className="fieldset">
          <legend>{t("form.mandatory")}</legend>
          <label className="checkbox">
            <input type="checkbox" name="mandatory" checked={values.mandatory} onChange={(e) => set("mandatory", e.target.checked)} />
            <span>{t("form.mandatoryCheck")}</span>
          </label>
          {values.mandatory && (
            <div className="field-row">
              <TextField
                label={t("form.penalty")}
                name="penaltyPoints"
                type="number"
                inputMode="numeric"
                min={1}
                max={MAX_PENALTY_POINTS}
                hint={t("form.penaltyHint")}
                value={values.penaltyPoints}
                onChange={(e) => set("penaltyPoints", e.target.value)}
                error={errorFor(errors, "penalty.points")}
              />
              <TextField
                label={t("form.grace")}
                name="grace"
                type="number"
                inputMode="numeric"
                min={0}
                hint={t("form.graceHint")}
                value={values.grace}
                onChange={(e) => set("grace", e.target.value)}
                error={errorFor(errors, "penalty.graceMinutes")}
              />
              <Field label={t("form.graceUnit")}>
                {(control) => (
                  <select
                    {...control}
                    name="graceUnit"
                    value={values.graceUnit}
                    onChange={(e) => set("graceUnit", e.target.value as GraceUnit)}
                  >
                    <option value="minutes">{t("form.units.minutes")}</option>
                    <option value="hours">{t("form.units.hours")}</option>
                  </select>
                )}
              </Field>
            </div>
          )}
        </fieldset>
      )}

      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={saving}>
          {saving ? t("form.saving") : submitLabel}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t("form.cancel")}
        </button>
      </div>
    </form>
  );
}
