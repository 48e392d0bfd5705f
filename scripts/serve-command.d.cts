export interface ServeCommand {
  /** The variables the script sets before `node`. */
  env: Record<string, string>;
  /** What follows `node`: the flags, then server/dist/main.js. */
  args: string[];
}
export function parseServeScript(script: string): ServeCommand;
export function serveCommand(root: string): ServeCommand;
