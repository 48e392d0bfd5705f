import type { Chore, Member } from "@chorus/shared";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { useChores } from "../../chores/api/get-chores";
import { makeChore, makeCircle, makeMember } from "../../../testing/fixtures";
import { ok, renderWithApi } from "../../../testing/fake-api";
import { FirstRunChecklist } from "./first-run-checklist";

const sam = makeMember({ userId: 1, displayName: "Sam", role: "admin", impersonator: true });

/** Shows once the chores the checklist counts have loaded (the same query), and can remount the checklist like a reload. */
function Harness({ members, impersonationEnabled }: { members: Member[]; impersonationEnabled: boolean }) {
  const [mount, setMount] = useState(0);
  const loaded = useChores("all").data !== undefined;
  return (
    <>
      {loaded && <p>Chores loaded</p>}
      <button type="button" onClick={() => setMount(mount + 1)}>
        Reload
      </button>
      <FirstRunChecklist key={mount} circle={makeCircle({ impersonationEnabled })} members={members} selfId={1} />
    </>
  );
}

function renderChecklist({
  members = [sam],
  chores = [],
  impersonationEnabled = true,
}: {
  members?: Member[];
  chores?: Chore[];
  impersonationEnabled?: boolean;
}) {
  return renderWithApi(<Harness members={members} impersonationEnabled={impersonationEnabled} />, {
    routes: { "GET /chores": () => ok({ chores }) },
  });
}

const step = (id: string) => screen.getByTestId(`checklist-${id}`);

describe("FirstRunChecklist", () => {
  it("starts with every step to do, each linking to where it is done", async () => {
    renderChecklist({});
    expect(await screen.findByRole("region", { name: "Getting started" })).toHaveTextContent("0 of 3 done");
    expect(within(step("invite")).getByRole("link", { name: "Get the invite link" })).toHaveAttribute("href", "/circle");
    expect(within(step("chores")).getByRole("link", { name: "Create a chore" })).toHaveAttribute("href", "/chores/new");
    expect(within(step("view-as")).getByRole("link", { name: /Can view tasks as others/ })).toHaveAttribute("href", "/circle");
    expect(step("invite")).toHaveTextContent("(to do)");
  });

  it("ticks each step from the circle's real state", async () => {
    renderChecklist({
      members: [sam, makeMember({ userId: 2, displayName: "Pat", status: "pending" })],
      chores: [makeChore()],
    });
    expect(await screen.findByRole("region", { name: "Getting started" })).toHaveTextContent("2 of 3 done");
    expect(step("invite")).toHaveTextContent("(done)");
    expect(within(step("invite")).queryByRole("link")).not.toBeInTheDocument();
    expect(step("chores")).toHaveTextContent("(done)");
    // A pending person or a plain member cannot view tasks as anyone: not decided yet.
    expect(step("view-as")).toHaveTextContent("(to do)");
  });

  it("counts the view-as step done with a second manager or admin, or with the feature off", async () => {
    const morgan = makeMember({ userId: 3, displayName: "Morgan", role: "manager", impersonator: true });
    const first = renderChecklist({ members: [sam, morgan] });
    expect(await screen.findByTestId("checklist-view-as")).toHaveTextContent("(done)");
    first.unmount();
    renderChecklist({ impersonationEnabled: false });
    expect(await screen.findByTestId("checklist-view-as")).toHaveTextContent("(done)");
  });

  it("is gone once every step is done", async () => {
    const morgan = makeMember({ userId: 3, displayName: "Morgan", role: "manager" });
    renderChecklist({ members: [sam, morgan], chores: [makeChore()] });
    expect(await screen.findByText("Chores loaded")).toBeInTheDocument();
    expect(screen.queryByRole("region", { name: "Getting started" })).not.toBeInTheDocument();
  });

  it("stays hidden in this browser once dismissed", async () => {
    const user = userEvent.setup();
    renderChecklist({});
    await user.click(await screen.findByRole("button", { name: "Hide this list" }));
    expect(screen.queryByRole("region", { name: "Getting started" })).not.toBeInTheDocument();
    expect(localStorage.getItem("chorus.firstRunDismissed.1")).not.toBeNull();

    await user.click(screen.getByRole("button", { name: "Reload" }));
    expect(screen.getByText("Chores loaded")).toBeInTheDocument();
    expect(screen.queryByRole("region", { name: "Getting started" })).not.toBeInTheDocument();
  });
});
