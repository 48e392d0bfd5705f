import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase } from "./database";
import { findMigrationsDir, readMigrations } from "./migrations";
import { buildTemplate } from "./pgliteDataDir";

const describeOnPglite = process.env.TEST_DATABASE_URL ? describe.skip : describe;

describeOnPglite("the PGlite template", () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), "chorus-template-"));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("is built once, gives new data directories every migration, and is ignored when made by another PGlite", async () => {
    const migrations = readMigrations(findMigrationsDir());
    const templateDir = path.join(root, "template");
    const migrate = async (dir: string) => {
      const db = await openDatabase({ pgliteDir: dir, pgliteTemplateDir: null });
      await db.migrate();
      await db.close();
    };
    expect(await buildTemplate(templateDir, migrations, migrate)).toBe(true);
    expect(await buildTemplate(templateDir, migrations, migrate)).toBe(false);

    const copied = await openDatabase({ pgliteDir: path.join(root, "copied"), pgliteTemplateDir: templateDir });
    expect(await copied.migrate()).toEqual({ applied: [], alreadyApplied: migrations.length });
    await copied.prisma.circle.create({ data: { name: "From template", inviteCode: "TEMPLATE1234" } });
    await copied.close();
    expect(existsSync(path.join(root, "copied.new"))).toBe(false);

    const stampFile = `${templateDir}.json`;
    writeFileSync(stampFile, readFileSync(stampFile, "utf8").replace(/"pglite":"[^"]*"/, '"pglite":"0.0.0"'));
    const initdb = await openDatabase({ pgliteDir: path.join(root, "initdb"), pgliteTemplateDir: templateDir });
    expect(await initdb.migrate()).toEqual({ applied: migrations.map((m) => m.name), alreadyApplied: 0 });
    await initdb.close();
  }, 180_000);
});
