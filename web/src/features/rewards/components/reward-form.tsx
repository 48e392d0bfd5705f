import { createRewardRequestSchema, type Member, type Reward } from "@chorus/shared";
import { useTranslation } from "react-i18next";
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
  const { t } = useTranslation("rewards");
  const whoId = useId();
  const [name, setName] = useState(reward?.name ?? "");
  const [cost, setCost] = useState(reward ? String(reward.cost) : "");
  const [stock, setStock] = useState(reward?.stock === null || !reward ? "" : String(reward.stock));
  const [availableTo, setAvailableTo] = useState<readonly number[]>(reward?.availableTo ?? []);
  const { errors, formError, validate, showFailure } = useFormErrors();
  const pending = create.isPending || update.isPending;
  const label = reward ? t("form.edit", { name: reward.name }) : t("form.new");

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
            notify("success", t("form.saved", { name: saved.name }));
            onDone?.();
          },
          onError,
        },
      );
      return;
    }
    create.mutate(request, {
      onSuccess: (created) => {
        notify("success", t("form.onOffer", { name: created.name }));
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
        label={t("form.name")}
        name="name"
        autoComplete="off"
        maxLength={64}
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={errorFor(errors, "name")}
        required
      />
      <TextField
        label={t("form.cost")}
        name="cost"
        inputMode="numeric"
        autoComplete="off"
        value={cost}
        onChange={(e) => setCost(e.target.value)}
        error={errorFor(errors, "cost")}
        required
      />
      <TextField
        label={reward ? t("form.stockLeft") : t("form.stock")}
        name="stock"
        hint={t("form.stockHint")}
        inputMode="numeric"
        autoComplete="off"
        value={stock}
        onChange={(e) => setStock(e.target.value)}
        error={errorFor(errors, "stock")}
      />
      <fieldset className="fieldset fieldset--inline" aria-describedby={`${whoId}-hint`}>
        <legend>{t("form.who")}</legend>
        <p className="field__hint" id={`${whoId}-hint`}>
          {t("form.whoHint")}
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
          {pending ? t("form.saving") : reward ? t("form.save") : t("form.add")}
        </button>
        {reward && (
          <button type="button" className="button" onClick={onDone}>
            {t("form.cancel")}
          </button>
        )}
      </div>
    </form>
  );
  if (reward) return form;
  return (
    <section className="card" aria-labelledby="new-reward-heading">
      <h2 id="new-reward-heading">{t("form.new")}</h2>
      {form}
    </section>
  );
}
