import { createRewardRequestSchema, type Member, type Reward } from "@chorus/shared";
import { useId, useState, type SubmitEvent } from "react";
import { FormErrorSummary, TextField, errorFor } from "../../../components/form";
import { useNotify } from "../../../components/notices";
import { typedNumber } from "../../../lib/typed-number";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useCreateReward, useUpdateReward } from "../api/rewards";

interface RewardFormProps {
  /** The reward to change; none: a new one. */
  reward?: Reward;
  /** The circle's active members, who a reward can be offered to. */
  members: readonly Member[];
  /** After saving or cancelling an edit. */
  onDone?: () => void;
}

/**
 * A reward's name, cost, an optional stock (empty: no limit) and who may ask for it (nobody
 * ticked: everyone). New rewards in their own card; an edit in place of the reward.
 */
export function RewardForm({ reward, members, onDone }: RewardFormProps) {
  const create = useCreateReward();
  const update = useUpdateReward();
  const notify = useNotify();
  const whoId = useId();
  const [name, setName] = useState(reward?.name ?? "");
  const [cost, setCost] = useState(reward ? String(reward.cost) : "");
  const [stock, setStock] = useState(reward?.stock === null || !reward ? "" : String(reward.stock));
  const [availableTo, setAvailableTo] = useState<readonly number[]>(reward?.availableTo ?? []);
  const { errors, formError, validate, showFailure } = useFormErrors();
  const pending = create.isPending || update.isPending;
  const label = reward ? `Edit ${reward.name}` : "New reward";

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const request = validate(createRewardRequestSchema, {
      name,
      cost: typedNumber(cost),
      // An edit that empties the field lifts the limit; a new reward simply has none.
      ...(stock.trim() === "" ? (reward ? { stock: null } : {}) : { stock: typedNumber(stock) }),
      availableTo,
    });
    if (!request) return;
    const onError = (error: unknown) => showFailure(error);
    if (reward) {
      update.mutate(
        { id: reward.id, changes: request },
        {
          onSuccess: (saved) => {
            notify("success", `“${saved.name}” is saved.`);
            onDone?.();
          },
          onError,
        },
      );
      return;
    }
    create.mutate(request, {
      onSuccess: (created) => {
        notify("success", `“${created.name}” is on offer.`);
        setName("");
        setCost("");
        setStock("");
        setAvailableTo([]);
      },
      onError,
    });
  }

  const form = (
    <form onSubmit={submit} noValidate className="form" aria-label={label}>
      <FormErrorSummary errors={errors} shownFields={["name", "cost", "stock", "availableTo"]} formError={formError} />
      <TextField
        label="Name"
        name="name"
        autoComplete="off"
        maxLength={64}
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={errorFor(errors, "name")}
        required
      />
      <TextField
        label="Cost in points"
        name="cost"
        inputMode="numeric"
        autoComplete="off"
        value={cost}
        onChange={(e) => setCost(e.target.value)}
        error={errorFor(errors, "cost")}
        required
      />
      <TextField
        label={reward ? "How many left (optional)" : "How many (optional)"}
        name="stock"
        hint="Leave empty for no limit."
        inputMode="numeric"
        autoComplete="off"
        value={stock}
        onChange={(e) => setStock(e.target.value)}
        error={errorFor(errors, "stock")}
      />
      <fieldset className="fieldset fieldset--inline" aria-describedby={`${whoId}-hint`}>
        <legend>Who can ask for it</legend>
        <p className="field__hint" id={`${whoId}-hint`}>
          Tick nobody to offer it to everyone.
        </p>
        <div className="checkbox-row">
          {members.map((member) => (
            <label key={member.userId} className="checkbox">
              <input
                type="checkbox"
                checked={availableTo.includes(member.userId)}
                onChange={(e) =>
                  setAvailableTo(e.target.checked ? [...availableTo, member.userId] : availableTo.filter((id) => id !== member.userId))
                }
              />
              <span>{member.displayName}</span>
            </label>
          ))}
        </div>
        {errorFor(errors, "availableTo") && <p className="field__error">{errorFor(errors, "availableTo")}</p>}
      </fieldset>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={pending}>
          {pending ? "Saving…" : reward ? "Save reward" : "Add reward"}
        </button>
        {reward && (
          <button type="button" className="button" onClick={onDone}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
  if (reward) return form;
  return (
    <section className="card" aria-labelledby="new-reward-heading">
      <h2 id="new-reward-heading">New reward</h2>
      {form}
    </section>
  );
}
