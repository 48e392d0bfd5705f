import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { makeChore, makeUser } from "../../../testing/fixtures";
import { apiError, ok, renderWithApi } from "../../../testing/fake-api";
import { ChoreActions } from "./chore-actions";

const inTwoDays = new Date(Date.now() + 2 * 86_400_000).toISOString();
const inThreeDays = new Date(Date.now() + 3 * 86_400_000).toISOString();
/** GET /users/me with the impersonation header: Sam acting as Alex. */
const alexAsSeenBySam = () => ok(makeUser({ id: 2, username: "alex", displayName: "Alex", role: "member", impersonatorUserId: 1 }));

describe("ChoreActions", () => {
  it("completes the occurrence the user saw, with the note, as the member being viewed as, and says it is for them", async () => {
    const user = userEvent.setup();
    const chore = makeChore({ nextDueDate: "2026-11-21T17:00:00Z" });
    const { requests } = renderWithApi(<ChoreActions chore={chore} timeZone="Europe/Berlin" />, {
      routes: { "GET /users/me": alexAsSeenBySam, "POST /chores/1/do": () => ok({ ...chore, nextDueDate: "2026-11-22T17:00:00Z" }) },
      actingAs: 2,
    });
    await user.click(screen.getByRole("button", { name: "Add note" }));
    await user.type(screen.getByLabelText("Note for Done or Skip (optional)"), "Sparkling");
    const done = await screen.findByRole("button", { name: "Done for Alex: Dishes" });
    expect(done).toHaveTextContent(/^Done for Alex$/);
    await user.click(done);
    expect(await screen.findByText("Done for Alex: “Dishes”.")).toBeInTheDocument();
    const request = requests.find((candidate) => candidate.path === "/chores/1/do");
    expect(request?.body).toEqual({ dueDate: "2026-11-21T17:00:00Z", note: "Sparkling" });
    expect(request?.headers["x-impersonate-user-id"]).toBe("2");
  });

  it("says someone already completed it on 409 stale_occurrence", async () => {
    const user = userEvent.setup();
    renderWithApi(<ChoreActions chore={makeChore({ nextDueDate: "2026-11-21T17:00:00Z" })} timeZone="Europe/Berlin" />, {
      routes: { "POST /chores/1/do": () => apiError(409, "stale_occurrence", "That occurrence was already completed") },
    });
    await user.click(screen.getByRole("button", { name: "Done: Dishes" }));
    expect(await screen.findByText(/Someone already completed this/)).toHaveAttribute("role", "alert");
  });

  it("offers Pause while the timer runs and shows its time", async () => {
    const user = userEvent.setup();
    const running = makeChore({ status: "in_progress", timerSeconds: 60, timerRunningSince: new Date(Date.now() - 5000).toISOString() });
    const { requests } = renderWithApi(<ChoreActions chore={running} timeZone="Europe/Berlin" />, {
      routes: { "PUT /chores/1/pause": () => ok({ ...running, status: "paused", timerSeconds: 65, timerRunningSince: null }) },
    });
    await user.click(screen.getByRole("button", { name: "Pause: Dishes" }));
    expect(await screen.findByText("“Dishes” paused.")).toBeInTheDocument();
    expect(requests.map((request) => `${request.method} ${request.path}`)).toContain("PUT /chores/1/pause");
  });

  it("does a chore due later today at once: its occurrence is current, however far off its due time", async () => {
    const user = userEvent.setup();
    const laterToday = new Date(Date.now() + 11 * 3_600_000).toISOString();
    const chore = makeChore({ nextDueDate: laterToday, currentFrom: new Date(Date.now() - 13 * 3_600_000).toISOString() });
    const { requests } = renderWithApi(<ChoreActions chore={chore} timeZone="Europe/Berlin" />, {
      routes: { "POST /chores/1/do": () => ok({ ...chore, nextDueDate: inTwoDays, currentFrom: laterToday }) },
    });
    await user.click(screen.getByRole("button", { name: "Done: Dishes" }));
    expect(await screen.findByText("“Dishes” done.")).toBeInTheDocument();
    expect(screen.queryByRole("group", { name: "Done early: Dishes" })).not.toBeInTheDocument();
    expect(requests.find((request) => request.path === "/chores/1/do")?.body).toEqual({ dueDate: laterToday });
  });

  it("asks before completing the occurrence after a done one, and sends nothing until confirmed", async () => {
    const user = userEvent.setup();
    // Today's is done; the next one is current only once today's due time has passed.
    const chore = makeChore({ nextDueDate: inTwoDays, currentFrom: new Date(Date.now() + 86_400_000).toISOString() });
    const { requests } = renderWithApi(<ChoreActions chore={chore} timeZone="Europe/Berlin" />, {
      routes: { "POST /chores/1/do": () => ok({ ...chore, nextDueDate: inThreeDays }), "POST /chores/1/skip": () => ok(chore) },
    });
    await user.click(screen.getByRole("button", { name: "Done: Dishes" }));
    const confirm = screen.getByRole("group", { name: "Done early: Dishes" });
    expect(confirm).toHaveTextContent(/“Dishes” is not due until .+\. Done it early\?/);
    await user.click(within(confirm).getByRole("button", { name: "Not yet" }));
    expect(screen.queryByRole("group", { name: "Done early: Dishes" })).not.toBeInTheDocument();
    expect(requests.filter((request) => request.method === "POST")).toEqual([]);

    await user.click(screen.getByRole("button", { name: "Done: Dishes" }));
    await user.click(screen.getByRole("button", { name: "Done early" }));
    expect(await screen.findByText("“Dishes” done.")).toBeInTheDocument();
    expect(requests.find((request) => request.path === "/chores/1/do")?.body).toEqual({ dueDate: inTwoDays });

    await user.click(screen.getByRole("button", { name: "Skip: Dishes" }));
    expect(screen.getByRole("group", { name: "Skip early: Dishes" })).toBeInTheDocument();
  });

  it("explains a refused second early completion", async () => {
    const user = userEvent.setup();
    renderWithApi(
      <ChoreActions
        chore={makeChore({ nextDueDate: inTwoDays, currentFrom: new Date(Date.now() + 86_400_000).toISOString() })}
        timeZone="Europe/Berlin"
      />,
      {
        routes: { "POST /chores/1/do": () => apiError(409, "not_due_yet", "Already done ahead of time") },
      },
    );
    await user.click(screen.getByRole("button", { name: "Done: Dishes" }));
    await user.click(screen.getByRole("button", { name: "Done early" }));
    expect(await screen.findByText(/already done ahead of time/)).toHaveAttribute("role", "alert");
  });

  it("says from when a chore already one ahead can be done, instead of asking", async () => {
    const user = userEvent.setup();
    const earlyFrom = new Date(Date.now() + 86_400_000).toISOString();
    const { requests } = renderWithApi(
      <ChoreActions
        chore={makeChore({ nextDueDate: inTwoDays, currentFrom: new Date(Date.now() + 36 * 3_600_000).toISOString(), earlyFrom })}
        timeZone="Europe/Berlin"
      />,
      { routes: {} },
    );
    expect(screen.getByText(/^Already done ahead of time\. The next one can be done from .+\.$/)).not.toHaveAttribute("role");
    await user.click(screen.getByRole("button", { name: "Skip: Dishes" }));
    expect(screen.queryByRole("group", { name: "Skip early: Dishes" })).not.toBeInTheDocument();
    expect(screen.getByText(/^Already done ahead of time/)).toHaveAttribute("role", "alert");
    expect(requests.filter((request) => request.method === "POST")).toEqual([]);
  });

  it("offers Undo in the success message, which takes the completion back", async () => {
    const user = userEvent.setup();
    const chore = makeChore({ nextDueDate: "2026-11-21T17:00:00Z" });
    const { requests } = renderWithApi(<ChoreActions chore={chore} timeZone="Europe/Berlin" />, {
      routes: {
        "GET /users/me": alexAsSeenBySam,
        "POST /chores/1/skip": () => ok({ ...chore, nextDueDate: "2026-11-22T17:00:00Z" }),
        "POST /chores/1/undo": () => ok(chore),
      },
      actingAs: 2,
    });
    await user.click(await screen.findByRole("button", { name: "Skip for Alex: Dishes" }));
    const undo = await screen.findByRole("button", { name: "Undo for Alex: Skipped for Alex: “Dishes”." });
    expect(undo).toHaveTextContent("Undo for Alex");
    await user.click(undo);
    expect(await screen.findByText("Undone for Alex: “Dishes” is back as it was.")).toBeInTheDocument();
    expect(screen.queryByText("Skipped for Alex: “Dishes”.")).not.toBeInTheDocument();
    const undoRequest = requests.find((request) => request.path === "/chores/1/undo");
    expect(undoRequest?.method).toBe("POST");
    expect(undoRequest?.headers["x-impersonate-user-id"]).toBe("2");
  });

  it("says why an undo was refused", async () => {
    const user = userEvent.setup();
    const chore = makeChore({ nextDueDate: "2026-11-21T17:00:00Z" });
    renderWithApi(<ChoreActions chore={chore} timeZone="Europe/Berlin" />, {
      routes: {
        "POST /chores/1/do": () => ok(chore),
        "POST /chores/1/undo": () => apiError(409, "undo_unavailable", "Undo is only possible for 10 minutes"),
      },
    });
    await user.click(screen.getByRole("button", { name: "Done: Dishes" }));
    await user.click(await screen.findByRole("button", { name: "Undo: “Dishes” done." }));
    expect(await screen.findByText("Cannot undo: Undo is only possible for 10 minutes")).toBeInTheDocument();
  });

  describe("while acting as a member", () => {
    it("names the member on Start, Pause and their messages", async () => {
      const user = userEvent.setup();
      const chore = makeChore({ nextDueDate: "2026-11-21T17:00:00Z" });
      const running = { ...chore, status: "in_progress" as const, timerRunningSince: new Date().toISOString() };
      const view = renderWithApi(<ChoreActions chore={chore} timeZone="Europe/Berlin" />, {
        routes: { "GET /users/me": alexAsSeenBySam, "PUT /chores/1/start": () => ok(running) },
        actingAs: 2,
      });
      await user.click(await screen.findByRole("button", { name: "Start for Alex: Dishes" }));
      expect(await screen.findByText("Started for Alex: “Dishes”.")).toBeInTheDocument();
      view.unmount();

      renderWithApi(<ChoreActions chore={running} timeZone="Europe/Berlin" />, {
        routes: {
          "GET /users/me": alexAsSeenBySam,
          "PUT /chores/1/pause": () => ok({ ...running, status: "paused", timerRunningSince: null }),
        },
        actingAs: 2,
      });
      const pause = await screen.findByRole("button", { name: "Pause for Alex: Dishes" });
      expect(pause).toHaveTextContent(/^Pause for Alex$/);
      await user.click(pause);
      expect(await screen.findByText("Paused for Alex: “Dishes”.")).toBeInTheDocument();
    });

    it("asks “done early for Alex?” before an early completion", async () => {
      const user = userEvent.setup();
      const chore = makeChore({ nextDueDate: inTwoDays, currentFrom: new Date(Date.now() + 86_400_000).toISOString() });
      renderWithApi(<ChoreActions chore={chore} timeZone="Europe/Berlin" />, {
        routes: { "GET /users/me": alexAsSeenBySam, "POST /chores/1/do": () => ok({ ...chore, nextDueDate: inThreeDays }) },
        actingAs: 2,
      });
      await user.click(await screen.findByRole("button", { name: "Done for Alex: Dishes" }));
      const confirm = screen.getByRole("group", { name: "Done early for Alex: Dishes" });
      expect(confirm).toHaveTextContent(/Done it early for Alex\?/);
      await user.click(within(confirm).getByRole("button", { name: "Done early for Alex" }));
      expect(await screen.findByText("Done for Alex: “Dishes”.")).toBeInTheDocument();
    });

    it("leaves a view-only refusal to the page-wide message: no error of its own on the card", async () => {
      const user = userEvent.setup();
      const { requests } = renderWithApi(
        <ChoreActions chore={makeChore({ nextDueDate: "2026-11-21T17:00:00Z" })} timeZone="Europe/Berlin" />,
        {
          routes: {
            "GET /users/me": alexAsSeenBySam,
            "POST /chores/1/do": () => apiError(403, "impersonation_read_only", "chores.do acts for the member; this session is view only"),
          },
          actingAs: 2,
        },
      );
      const done = await screen.findByRole("button", { name: "Done for Alex: Dishes" });
      await user.click(done);
      await waitFor(() => expect(requests.some((request) => request.path === "/chores/1/do")).toBe(true));
      await waitFor(() => expect(done).toBeEnabled());
      expect(screen.queryByText(/view only/)).not.toBeInTheDocument();
      expect(document.querySelector(".field__error")).toBeNull();
    });
  });

  describe("keyboard focus", () => {
    it("moves focus to the success message's Undo after Done, not to the page", async () => {
      const user = userEvent.setup();
      const chore = makeChore({ nextDueDate: new Date(Date.now() - 3_600_000).toISOString() });
      renderWithApi(<ChoreActions chore={chore} timeZone="Europe/Berlin" />, {
        routes: { "POST /chores/1/do": () => ok({ ...chore, nextDueDate: inTwoDays }) },
      });
      screen.getByRole("button", { name: "Done: Dishes" }).focus();
      await user.keyboard("{Enter}");
      const undo = await screen.findByRole("button", { name: "Undo: “Dishes” done." });
      expect(undo).toHaveFocus();
    });

    it("focuses the Done early question when it opens; Escape closes it and goes back to Done", async () => {
      const user = userEvent.setup();
      const { requests } = renderWithApi(
        <ChoreActions
          chore={makeChore({ nextDueDate: inTwoDays, currentFrom: new Date(Date.now() + 86_400_000).toISOString() })}
          timeZone="Europe/Berlin"
        />,
        { routes: {} },
      );
      await user.click(screen.getByRole("button", { name: "Done: Dishes" }));
      const confirm = screen.getByRole("group", { name: "Done early: Dishes" });
      expect(within(confirm).getByRole("button", { name: "Done early" })).toHaveFocus();
      await user.keyboard("{Escape}");
      expect(screen.queryByRole("group", { name: "Done early: Dishes" })).not.toBeInTheDocument();
      expect(screen.getByRole("button", { name: "Done: Dishes" })).toHaveFocus();

      await user.click(screen.getByRole("button", { name: "Skip: Dishes" }));
      await user.click(within(screen.getByRole("group", { name: "Skip early: Dishes" })).getByRole("button", { name: "Not yet" }));
      expect(screen.getByRole("button", { name: "Skip: Dishes" })).toHaveFocus();
      expect(requests.filter((request) => request.method === "POST")).toEqual([]);
    });
  });
});

describe("ChoreActions on a chore that needs a photo", () => {
  it("asks for the photo before Done, then uploads it and names it in the do", async () => {
    const user = userEvent.setup();
    const chore = makeChore({ nextDueDate: "2026-11-21T17:00:00Z", photoRequired: true });
    const { requests } = renderWithApi(<ChoreActions chore={chore} timeZone="Europe/Berlin" />, {
      routes: {
        "POST /chores/1/photos": () => ({ status: 201, body: { id: 7, contentType: "image/jpeg", width: 800, height: 600 } }),
        "POST /chores/1/do": () => ok({ ...chore, nextDueDate: "2026-11-22T17:00:00Z" }),
      },
    });
    await user.click(screen.getByRole("button", { name: "Done: Dishes" }));
    expect(await screen.findByText("This chore needs a photo: add one, then press Done.")).toHaveAttribute("role", "alert");
    const input = screen.getByLabelText("Photo proof: Dishes");
    expect(input).toHaveFocus();
    expect(requests.filter((request) => request.method === "POST")).toEqual([]);

    const photo = new File([new Uint8Array([0xff, 0xd8, 0xff])], "sink.jpg", { type: "image/jpeg" });
    await user.upload(input, photo);
    expect(screen.queryByText("This chore needs a photo: add one, then press Done.")).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Done: Dishes" }));
    expect(await screen.findByText("“Dishes” done.")).toBeInTheDocument();
    const posts = requests.filter((request) => request.method === "POST");
    expect(posts.map((request) => request.path)).toEqual(["/chores/1/photos", "/chores/1/do"]);
    expect(posts[0]!.body).toBe(photo);
    expect(posts[1]!.body).toEqual({ dueDate: "2026-11-21T17:00:00Z", photoId: 7 });
  });
});
