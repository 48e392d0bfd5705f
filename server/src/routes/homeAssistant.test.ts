/**
 * The Home Assistant recipes in docs/home-assistant/ (and README, which shows them) do what
 * they say against a real server: each YAML file is parsed, its `!secret` filled in as Home
 * Assistant would, its requests sent as Home Assistant's REST integrations send them, and its
 * templates rendered with nunjucks (a Jinja2-compatible engine standing in for Home
 * Assistant's Jinja) over what Chorus answered or posted.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import nunjucks from "nunjucks";
import { parse, type CollectionTag, type ScalarTag } from "yaml";
import { createLogger } from "../logger";
import { createReminderScheduler } from "../reminders/scheduler";
import { makeChore } from "../test/choreFactories";
import { createHousehold, type TestUser } from "../test/factories";
import { startTestServer, type TestServer } from "../test/harness";
import { startReceiver, type Receiver } from "../test/receiver";

const recipes = path.resolve(__dirname, "../../../docs/home-assistant");
const CHORUS_IN_RECIPES = "http://chorus.local:3000";
const HOUR = 3_600_000;

let server: TestServer;
let receiver: Receiver;
beforeAll(async () => {
  [server, receiver] = await Promise.all([startTestServer(), startReceiver()]);
});
afterAll(() => Promise.all([server.close(), receiver.close()]));

const templates = new nunjucks.Environment(null, { autoescape: false, throwOnUndefined: true });
const render = (template: string, context: object) => templates.renderString(template, context);

/** A recipe as Home Assistant reads it, `!secret` taken from secrets.yaml's layout with `secrets`. */
function recipe(file: string, secrets: Record<string, string>): Record<string, unknown> {
  const secret: ScalarTag = {
    tag: "!secret",
    resolve: (name) => {
      if (!(name in secrets)) throw new Error(`secrets.yaml has no ${name}`);
      return secrets[name];
    },
  };
  return parse(readFileSync(path.join(recipes, file), "utf8"), { customTags: [secret] as (ScalarTag | CollectionTag)[] });
}

/** The member's API token, as secrets.yaml holds it. */
async function tokenSecret(member: TestUser): Promise<Record<string, string>> {
  const { token } = await member.client.users.createToken({ name: "Home Assistant" });
  return { chorus_token: `Bearer ${token}` };
}

const atChorus = (url: string) => url.replace(CHORUS_IN_RECIPES, server.baseUrl);

it("secrets.yaml holds the token secret the recipes name", () => {
  const secrets = parse(readFileSync(path.join(recipes, "secrets.yaml"), "utf8")) as Record<string, string>;
  expect(secrets.chorus_token).toMatch(/^Bearer /);
});

it("README shows each recipe as it is tested", () => {
  const readme = readFileSync(path.resolve(__dirname, "../../../README.md"), "utf8");
  for (const file of ["due-chores-sensor.yaml", "done-button.yaml", "reminder-webhook.yaml"]) {
    expect(readme).toContain(readFileSync(path.join(recipes, file), "utf8"));
  }
});

it("the REST sensor counts the member's chores that are due now and lists them", async () => {
  const h = await createHousehold(server);
  const past = new Date(Date.now() - HOUR).toISOString();
  const due = await makeChore(h.admin.client, {
    name: "Dishes",
    frequency: { type: "daily" },
    nextDueDate: past,
    assignees: [h.member.user.id],
  });
  await makeChore(h.admin.client, {
    name: "Tomorrow",
    frequency: { type: "daily" },
    nextDueDate: new Date(Date.now() + 24 * HOUR).toISOString(),
    assignees: [h.member.user.id],
  });
  await makeChore(h.admin.client, { name: "Not theirs", frequency: { type: "daily" }, nextDueDate: past, assignees: [h.admin.user.id] });
  const finished = await makeChore(h.admin.client, { name: "Once", nextDueDate: past, assignees: [h.member.user.id] });
  await h.member.client.chores.do(finished.id, {});

  const { rest } = recipe("due-chores-sensor.yaml", await tokenSecret(h.member)) as {
    rest: { resource: string; headers: Record<string, string>; sensor: { value_template: string; json_attributes: string[] }[] }[];
  };
  const [{ resource, headers, sensor }] = rest as [(typeof rest)[number]];
  const response = await fetch(atChorus(resource), { headers });
  expect(response.status).toBe(200);
  const value_json = (await response.json()) as { chores: { id: number; name: string }[] };
  const [state] = sensor as [(typeof sensor)[number]];
  expect(render(state.value_template, { value_json })).toBe("1");
  expect(state.json_attributes).toEqual(["chores"]);
  expect(value_json.chores.map(({ id }) => id)).toEqual([due.id]);
});

it("the button's REST command marks the chore done as the token's member", async () => {
  const h = await createHousehold(server);
  const chore = await makeChore(h.admin.client, { name: "Dishes", frequency: { type: "daily" }, points: 3, assignees: [h.member.user.id] });
  const { rest_command, template } = recipe("done-button.yaml", await tokenSecret(h.member)) as {
    rest_command: { chorus_done: { url: string; method: string; headers: Record<string, string>; content_type: string; payload: string } };
    template: { button: { press: { action: string; data: { chore_id: number } }[] }[] }[];
  };
  const [press] = template[0]!.button[0]!.press as [{ action: string; data: { chore_id: number } }];
  expect(press.action).toBe("rest_command.chorus_done");
  const command = rest_command.chorus_done;
  const response = await fetch(atChorus(render(command.url, { chore_id: chore.id })), {
    method: command.method.toUpperCase(),
    headers: { ...command.headers, "Content-Type": command.content_type },
    body: render(command.payload, {}),
  });
  expect(response.status).toBe(200);
  const { history } = await h.admin.client.chores.history(chore.id);
  expect(history).toEqual([
    expect.objectContaining({
      action: "completed",
      note: "Done from Home Assistant",
      updatedBy: h.member.user.id,
      performedAs: h.member.user.id,
      points: 3,
    }),
  ]);
  // The example's id is only an example: another chore's id is refused, not guessed.
  const other = await fetch(atChorus(render(command.url, { chore_id: 2_000_000_000 })), {
    method: "POST",
    headers: { ...command.headers, "Content-Type": command.content_type },
    body: render(command.payload, {}),
  });
  expect(other.status).toBe(404);
});

it("the webhook automation reads a due reminder Chorus posts to Home Assistant's webhook", async () => {
  const h = await createHousehold(server);
  const { automation } = recipe("reminder-webhook.yaml", {}) as {
    automation: {
      triggers: { trigger: string; webhook_id: string; allowed_methods: string[] }[];
      conditions: { value_template: string }[];
      actions: { data: { title: string; message: string } }[];
    }[];
  };
  const [{ triggers, conditions, actions }] = automation as [(typeof automation)[number]];
  const [trigger] = triggers as [(typeof triggers)[number]];
  expect(trigger.trigger).toBe("webhook");
  // The address the recipe's comment tells the member to paste into their reminder settings.
  const webhookPath = `/api/webhook/${trigger.webhook_id}`;
  expect(readFileSync(path.join(recipes, "reminder-webhook.yaml"), "utf8")).toContain(`http://homeassistant.local:8123${webhookPath}`);
  await h.member.client.reminders.updateSettings({
    push: { enabled: false },
    webhook: { url: `${receiver.url}${webhookPath}` },
    ntfy: null,
    when: { due: true, overdue: true },
    quietHours: null,
  });
  const dueAt = new Date(Date.now() + HOUR);
  await makeChore(h.admin.client, { name: "Feed the cat", nextDueDate: dueAt.toISOString(), assignees: [h.member.user.id] });
  await createReminderScheduler({ db: server.db, config: server.config, logger: createLogger("silent") }).runOnce(
    new Date(dueAt.getTime() + 60_000),
  );

  const posted = receiver.requests.filter((request) => request.path === webhookPath);
  expect(posted.map(({ method }) => method)).toEqual(trigger.allowed_methods);
  const json = JSON.parse(posted[0]!.body.toString("utf8")) as Record<string, unknown>;
  expect(render(conditions[0]!.value_template, { trigger: { json } }).toLowerCase()).toBe("true");
  const { title, message } = actions[0]!.data;
  expect(render(title, { trigger: { json } })).toBe(json.title);
  expect(render(message, { trigger: { json } })).toMatch(/^“Feed the cat” is due/);
  // A test message is not a chore: the condition leaves it out.
  expect(render(conditions[0]!.value_template, { trigger: { json: { ...json, event: "test" } } }).toLowerCase()).toBe("false");
});
