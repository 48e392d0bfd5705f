import { createClient, createActingClient } from "@chorus/shared";
import { createApi } from "./api-client";

/** An in-memory Storage, one per test. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

describe("actingSettled", () => {
  it("waits until what the acting client already sent has been answered", async () => {
    const answers: Record<string, (response: Response) => void> = {};
    const fakeFetch = ((input: string) =>
      new Promise<Response>((resolve) => {
        answers[new URL(input).pathname] = resolve;
      })) as unknown as typeof fetch;
    const api = createApi({
      baseUrl: "http://chorus.test",
      fetch: fakeFetch,
      localStorage: memoryStorage(),
      sessionStorage: memoryStorage(),
      clients: { createClient, createActingClient },
    });
    api.setToken("token");
    api.setActingAs(2);
    void api.acting.chores.list().catch(() => undefined);
    await Promise.resolve();

    let settled = false;
    void api.actingSettled().then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);

    answers["/api/v1/chores"]!({ ok: false, status: 500, text: async () => "" } as Response);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(true);
  });
});
