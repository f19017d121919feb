import { PROGRESS_DELAY_MS, terminalProgress } from "../../src/cli/progress";

function fakeTerminal(isTTY: boolean): { isTTY: boolean; text: string[]; write(t: string): void } {
  return {
    isTTY,
    text: [],
    write(t: string) {
      this.text.push(t);
    },
  };
}

describe("progress on the command line", () => {
  it("says nothing when stderr is not a terminal (a pipe or a log)", () => {
    const stream = fakeTerminal(false);
    let t = 0;
    const p = terminalProgress(stream, () => t);
    t = 5000;
    p.step("Reading azure.csv: 65,536 rows");
    p.done();
    expect(stream.text).toEqual([]);
  });

  it("says nothing while the work runs for less than about a second", () => {
    const stream = fakeTerminal(true);
    let t = 0;
    const p = terminalProgress(stream, () => t);
    t = PROGRESS_DELAY_MS - 1;
    p.step("Reading azure.csv: 65,536 rows");
    p.done();
    expect(stream.text).toEqual([]);
  });

  it("rewrites one line in place once the work runs past a second, and clears it at the end", () => {
    const stream = fakeTerminal(true);
    let t = 0;
    const p = terminalProgress(stream, () => t);
    t = PROGRESS_DELAY_MS;
    p.step("Reading azure.csv: 65,536 rows");
    t += 10; // too soon to redraw
    p.step("Reading azure.csv: 131,072 rows");
    t += 200;
    p.step("Scoring");
    p.done();
    expect(stream.text).toEqual([
      "\rReading azure.csv: 65,536 rows\x1b[K",
      "\rScoring\x1b[K",
      "\r\x1b[K",
    ]);
    expect(stream.text.join("")).not.toContain("\n");
  });
});
