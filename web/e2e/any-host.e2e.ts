import type { Browser, Response } from "playwright-core";
import { launchChromium, newPerson, pageErrors } from "./support/browser";
import { startChorus, type RunningChorus } from "./support/chorus-server";

let chorus: RunningChorus;
let browser: Browser;

beforeAll(async () => {
  // A home server reached by its name on the LAN, over plain HTTP: not localhost, so the
  // browser applies every rule a real household would meet.
  [chorus, browser] = await Promise.all([startChorus(), launchChromium(["--host-resolver-rules=MAP chorus.home 127.0.0.1"])]);
});

afterAll(async () => {
  await browser?.close();
  await chorus?.stop();
  expect(pageErrors).toEqual([]);
});

test("the app loads over plain HTTP from a host name other than localhost", async () => {
  const { port } = new URL(chorus.baseUrl);
  const origin = `http://chorus.home:${port}`;
  const context = await newPerson(browser, origin);
  const page = await context.newPage();
  const responses: Response[] = [];
  const failures: string[] = [];
  const consoleErrors: string[] = [];
  page.on("response", (response) => responses.push(response));
  page.on("requestfailed", (request) => failures.push(`${request.url()}: ${request.failure()?.errorText}`));
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });

  await page.goto("/");
  await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
  await page.getByLabel("Username or email").waitFor();

  expect(failures).toEqual([]);
  expect(consoleErrors).toEqual([]);
  // Every asset came from the same plain-HTTP origin, none upgraded to HTTPS.
  const assets = responses.filter((response) => new URL(response.url()).pathname.startsWith("/assets/"));
  expect(assets.length).toBeGreaterThanOrEqual(2);
  for (const asset of assets) {
    expect([asset.url().startsWith(`${origin}/assets/`), asset.status()]).toEqual([true, 200]);
    const headers = await asset.allHeaders();
    expect(["br", "gzip"]).toContain(headers["content-encoding"]);
    expect(headers["cache-control"]).toBe("public, max-age=31536000, immutable");
  }
  const shell = responses.find((response) => response.url() === `${origin}/`);
  expect((await shell!.allHeaders())["cache-control"]).toBe("no-cache");

  // The icon and the manifest a phone uses to add Chorus to its home screen.
  const manifest = await page.evaluate(async () => {
    const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
    const response = await fetch(link!.href);
    return { type: response.headers.get("content-type"), body: await response.json() };
  });
  expect(manifest.type).toMatch(/^application\/manifest\+json/);
  expect(manifest.body).toMatchObject({ name: "Chorus", start_url: "/", display: "standalone" });
  const icons = (manifest.body.icons as { src: string }[]).map((icon) => icon.src);
  const iconTypes = await page.evaluate(
    (sources) => Promise.all(sources.map(async (src) => `${src} ${(await fetch(src)).headers.get("content-type")}`)),
    [...icons, "/favicon.svg"],
  );
  expect(iconTypes).toEqual([...icons, "/favicon.svg"].map((src) => `${src} ${src.endsWith(".svg") ? "image/svg+xml" : "image/png"}`));
  await context.close();
});
