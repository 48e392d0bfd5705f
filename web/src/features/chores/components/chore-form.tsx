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
import { Field, FormErrorSummary, TextField, errorFor } from "../../../components/form";
import { fieldErrorsFromIssues, type FieldErrors } from "../../../lib/field-errors";
import { useFormErrors } from "../../../lib/use-form-errors";
import { fromWallTime, toWallTime } from "../../../lib/wall-time";
import { ASSIGNMENT_MODE_LABELS, MONTH_NAMES, PRIORITY_LABELS, STRATEGY_LABELS, WEEKDAY_NAMES } from "../utils/describe-chore";
import { ChecklistEditor, type ChecklistDraftItem } from "./checklist-editor";

const FREQUENCY_LABELS: Record<FrequencyType, string> = {
  once: "Once",
  daily: "Every day",
  weekly: "Weekly, on chosen days",
  monthly: "Monthly, on a day of the month",
  yearly: "Every year",
  interval: "Every N days, weeks or months",
};

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
  if (values.nextDue !== "" && nextDueDate === null) return { errors: { nextDueDate: "Enter a valid date and time" } };
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
        label="Name"
        name="name"
        value={values.name}
        onChange={(e) => set("name", e.target.value)}
        error={errorFor(errors, "name")}
        required
        maxLength={100}
      />
      <Field label="Description (optional)" error={errorFor(errors, "description")}>
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
        <legend>Schedule</legend>
        <Field label="Repeats" error={frequencyError}>
          {(control) => (
            <select
              {...control}
              name="frequencyType"
              value={values.frequencyType}
              onChange={(e) => set("frequencyType", e.target.value as FrequencyType)}
            >
              {(Object.keys(FREQUENCY_LABELS) as FrequencyType[]).map((type) => (
                <option key={type} value={type}>
                  {FREQUENCY_LABELS[type]}
                </option>
              ))}
            </select>
          )}
        </Field>

        {values.frequencyType === "weekly" && (
          <fieldset className="fieldset fieldset--inline" aria-describedby={errors["frequency.weekdays"] ? "weekdays-error" : undefined}>
            <legend>On these days</legend>
            <div className="checkbox-row">
              {WEEKDAY_NAMES.map((dayName, index) => (
                <label key={dayName} className="checkbox">
                  <input
                    type="checkbox"
                    checked={values.weekdays.includes(index + 1)}
                    onChange={(e) => set("weekdays", toggle(values.weekdays, index + 1, e.target.checked))}
                  />
                  <span>{dayName}</span>
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
            label="Day of the month"
            name="dayOfMonth"
            type="number"
            inputMode="numeric"
            min={1}
            max={31}
            hint="29–31 fall on the last day of shorter months."
            value={values.dayOfMonth}
            onChange={(e) => set("dayOfMonth", e.target.value)}
            error={errorFor(errors, "frequency.dayOfMonth")}
          />
        )}

        {values.frequencyType === "interval" && (
          <div className="field-row">
            <TextField
              label="Every"
              name="intervalEvery"
              type="number"
              inputMode="numeric"
              min={1}
              max={366}
              value={values.intervalEvery}
              onChange={(e) => set("intervalEvery", e.target.value)}
              error={errorFor(errors, "frequency.every")}
            />
            <Field label="Unit" error={errorFor(errors, "frequency.unit")}>
              {(control) => (
                <select
                  {...control}
                  name="intervalUnit"
                  value={values.intervalUnit}
                  onChange={(e) => set("intervalUnit", e.target.value as IntervalUnit)}
                >
                  <option value="days">days</option>
                  <option value="weeks">weeks</option>
                  <option value="months">months</option>
                </select>
              )}
            </Field>
          </div>
        )}

        {values.frequencyType !== "once" && (
          <fieldset className="fieldset fieldset--inline">
            <legend>Next due date is</legend>
            {scheduleModeSchema.options.map((mode) => (
              <label key={mode} className="checkbox">
                <input
                  type="radio"
                  name="scheduleMode"
                  value={mode}
                  checked={values.scheduleMode === mode}
                  onChange={() => set("scheduleMode", mode)}
                />
                <span>{mode === "fixed" ? "on the fixed schedule" : "counted from when it was done"}</span>
              </label>
            ))}
            {errorFor(errors, "scheduleMode") && <p className="field__error">{errorFor(errors, "scheduleMode")}</p>}
          </fieldset>
        )}

        {values.frequencyType !== "once" && (
          <>
            <label className="checkbox">
              <input type="checkbox" name="seasonal" checked={values.seasonal} onChange={(e) => set("seasonal", e.target.checked)} />
              <span>Seasonal: only in some months</span>
            </label>
            {values.seasonal && (
              <fieldset
                className="fieldset fieldset--inline"
                aria-describedby={errors.activeMonths ? "months-hint months-error" : "months-hint"}
              >
                <legend>Active in</legend>
                <p className="field__hint" id="months-hint">
                  In the other months it is not due; it comes back on the first date of its schedule in season.
                </p>
                <div className="checkbox-row">
                  {MONTH_NAMES.map((monthName, index) => (
                    <label key={monthName} className="checkbox">
                      <input
                        type="checkbox"
                        checked={values.months.includes(index + 1)}
                        onChange={(e) => set("months", toggle(values.months, index + 1, e.target.checked))}
                      />
                      <span>{monthName}</span>
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
          label="Due"
          name="nextDue"
          type="datetime-local"
          hint={
            values.frequencyType === "once"
              ? `In the circle's time zone (${timeZone}). Leave empty for no due date.`
              : `In the circle's time zone (${timeZone}). Leave empty to start on the first day the rule names, due by the end of that day.`
          }
          value={values.nextDue}
          onChange={(e) => set("nextDue", e.target.value)}
          error={errorFor(errors, "nextDueDate")}
        />
        <div className="field-row">
          <TextField
            label="Done within"
            name="window"
            type="number"
            inputMode="numeric"
            min={1}
            hint="Of the due time, or it counts as missed. Leave empty: until the next one is due."
            value={values.window}
            onChange={(e) => set("window", e.target.value)}
            error={errorFor(errors, "completionWindowMinutes")}
          />
          <Field label="Window unit">
            {(control) => (
              <select
                {...control}
                name="windowUnit"
                value={values.windowUnit}
                onChange={(e) => set("windowUnit", e.target.value as WindowUnit)}
              >
                <option value="hours">hours</option>
                <option value="days">days</option>
              </select>
            )}
          </Field>
        </div>
      </fieldset>

      <fieldset className="fieldset">
        <legend>Who</legend>
        <fieldset className="fieldset fieldset--inline">
          <legend>Assignees</legend>
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
          <legend>Shared how</legend>
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
            <span>
              Only {values.assignmentMode === "anyone" ? "whoever claimed it" : "the current assignee"} may mark it done (others, admins
              included, act as them)
            </span>
          </label>
        )}
        {values.assignmentMode === "rotation" && (
          <>
            <Field label="Assigned now" error={errorFor(errors, "assignedTo")}>
              {(control) => (
                <select {...control} name="assignedTo" value={values.assignedTo} onChange={(e) => set("assignedTo", e.target.value)}>
                  <option value="">{chore ? "Keep as is" : "First assignee"}</option>
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
            <Field label="After each completion, assign" error={errorFor(errors, "assignmentStrategy")}>
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
        <legend>Details</legend>
        <div className="field-row">
          <TextField
            label="Points"
            name="points"
            type="number"
            inputMode="numeric"
            min={0}
            max={10000}
            value={values.points}
            onChange={(e) => set("points", e.target.value)}
            error={errorFor(errors, "points")}
          />
          <Field label="Priority" error={errorFor(errors, "priority")}>
            {(control) => (
              <select {...control} name="priority" value={values.priority} onChange={(e) => set("priority", e.target.value)}>
                {PRIORITY_LABELS.map((label, priority) => (
                  <option key={label} value={priority}>
                    {priority} – {label}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <TextField
          label="Labels"
          name="labels"
          hint="Separate with commas, like kitchen, weekly"
          value={values.labels}
          onChange={(e) => set("labels", e.target.value)}
          error={errorFor(errors, "labels")}
        />
        <label className="checkbox">
          <input type="checkbox" name="isPrivate" checked={values.isPrivate} onChange={(e) => set("isPrivate", e.target.checked)} />
          <span>Private: only you and the assignees can see it</span>
        </label>
        {errorFor(errors, "isPrivate") && <p className="field__error">{errorFor(errors, "isPrivate")}</p>}
        <label className="checkbox">
          <input
            type="checkbox"
            name="photoRequired"
            checked={values.photoRequired}
            onChange={(e) => set("photoRequired", e.target.checked)}
          />
          <span>Photo proof: Done needs a photo, seen only by admins, managers and the member</span>
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            name="needsApproval"
            checked={values.needsApproval}
            onChange={(e) => set("needsApproval", e.target.checked)}
          />
          <span>Needs approval: a member’s Done waits until an admin or manager approves it</span>
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
          <legend>Mandatory</legend>
          <label className="checkbox">
            <input type="checkbox" name="mandatory" checked={values.mandatory} onChange={(e) => set("mandatory", e.target.checked)} />
            <span>Mandatory: the assignee pays a penalty when it is not done or skipped in time</span>
          </label>
          {values.mandatory && (
            <div className="field-row">
              <TextField
                label="Penalty"
                name="penaltyPoints"
                type="number"
                inputMode="numeric"
                min={1}
                max={MAX_PENALTY_POINTS}
                hint="Points taken; never more than they have."
                value={values.penaltyPoints}
                onChange={(e) => set("penaltyPoints", e.target.value)}
                error={errorFor(errors, "penalty.points")}
              />
              <TextField
                label="Grace period"
                name="grace"
                type="number"
                inputMode="numeric"
                min={0}
                hint="After the due time, before the penalty. 0 for none."
                value={values.grace}
                onChange={(e) => set("grace", e.target.value)}
                error={errorFor(errors, "penalty.graceMinutes")}
              />
              <Field label="Grace unit">
                {(control) => (
                  <select
                    {...control}
                    name="graceUnit"
                    value={values.graceUnit}
                    onChange={(e) => set("graceUnit", e.target.value as GraceUnit)}
                  >
                    <option value="minutes">minutes</option>
                    <option value="hours">hours</option>
                  </select>
                )}
              </Field>
            </div>
          )}
        </fieldset>
      )}

      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={saving}>
          {saving ? "Saving…" : submitLabel}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
