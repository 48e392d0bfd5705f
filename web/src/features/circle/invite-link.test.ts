import { inviteCodeFromHash, inviteLink } from "./invite-link";

describe("invite links", () => {
  it("carry the code in the fragment, which never reaches the server", () => {
    const link = new URL(inviteLink("https://chorus.example", "ABCDEF12"));
    expect(link.pathname).toBe("/join");
    expect(link.search).toBe("");
    expect(link.hash).toBe("#code=ABCDEF12");
    expect(inviteCodeFromHash(link.hash)).toBe("ABCDEF12");
  });

  it.each([
    ["#code=abcdef12", "ABCDEF12"],
    ["#code=%20ABCDEF12%20", "ABCDEF12"],
    ["#code=abc", null],
    ["#code=<script>", null],
    ["#token=ABCDEF12", null],
    ["", null],
  ])("reads %j as %j", (hash, code) => {
    expect(inviteCodeFromHash(hash)).toBe(code);
  });
});
