import { argon2Turn, hashPassword, verifyPassword } from "./credentials";

const config = { passwordHashMemoryKib: 19_456 };

describe("Argon2 turns", () => {
  it("runs at most two at once, hands each freed turn to the next waiter, and frees it on failure", async () => {
    let running = 0;
    let most = 0;
    const finished: number[] = [];
    const work = (index: number) =>
      argon2Turn(async () => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running -= 1;
        if (index === 3) throw new Error("hash failed");
        finished.push(index);
        return index;
      });
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, index) => work(index)));
    expect(most).toBe(2);
    expect(results.filter((result) => result.status === "rejected")).toHaveLength(1);
    expect(finished).toHaveLength(9);
    // A turn is still free after everything: one more runs at once.
    await expect(argon2Turn(async () => "again")).resolves.toBe("again");
  });

  it("still verifies real hashes when many sign-ins arrive together", async () => {
    const stored = await hashPassword("correct horse battery", config);
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, (_, i) => verifyPassword(stored, i === 0 ? "correct horse battery" : "wrong", config)),
    );
    expect(outcomes).toEqual([true, false, false, false, false, false]);
  });
});
