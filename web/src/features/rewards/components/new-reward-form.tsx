import { createRewardRequestSchema } from "@chorus/shared";
import { useState, type SubmitEvent } from "react";
import { FormErrorSummary, TextField, errorFor } from "../../../components/form";
import { useNotify } from "../../../components/notices";
import { typedNumber } from "../../../lib/typed-number";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useCreateReward } from "../api/rewards";

/** "New reward": name, cost and an optional stock (empty: no limit). */
export function NewRewardForm() {
  const create = useCreateReward();
  const notify = useNotify();
  const [name, setName] = useState("");
  const [cost, setCost] = useState("");
  const [stock, setStock] = useState("");
  const { errors, formError, validate, showFailure } = useFormErrors();

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const request = validate(createRewardRequestSchema, {
      name,
      cost: typedNumber(cost),
      ...(stock.trim() === "" ? {} : { stock: typedNumber(stock) }),
    });
    if (!request) return;
    create.mutate(request, {
      onSuccess: (reward) => {
        notify("success", `“${reward.name}” is on offer.`);
        setName("");
        setCost("");
        setStock("");
      },
      onError: (error) => showFailure(error),
    });
  }

  return (
    <section className="card" aria-labelledby="new-reward-heading">
      <h2 id="new-reward-heading">New reward</h2>
      <form onSubmit={submit} noValidate className="form" aria-label="New reward">
        <FormErrorSummary errors={errors} shownFields={["name", "cost", "stock"]} formError={formError} />
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
          label="How many (optional)"
          name="stock"
          hint="Leave empty for no limit."
          inputMode="numeric"
          autoComplete="off"
          value={stock}
          onChange={(e) => setStock(e.target.value)}
          error={errorFor(errors, "stock")}
        />
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          {create.isPending ? "Saving…" : "Add reward"}
        </button>
      </form>
    </section>
  );
}
