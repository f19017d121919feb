import fc from "fast-check";
import { Nearest } from "../../src/scoring/nearest";

/**
 * The plan keeps the 25 candidates nearest a threshold. Keeping them as they are offered must give
 * the list a stable sort of every candidate followed by a slice gave: the same candidates, in the
 * same order, ties in the order offered (the plan's wins and their order depend on it).
 */
describe("the nearest candidates of the plan", () => {
  it("keeps what a stable sort and a slice keep, ties in the order offered", () => {
    fc.assert(
      fc.property(
        // Few distinct keys, so that ties are common, and sometimes fewer items than the limit.
        fc.array(fc.integer({ min: -3, max: 6 }), { maxLength: 80 }),
        fc.integer({ min: 1, max: 30 }),
        (keys, limit) => {
          const nearest = new Nearest<number>(limit);
          keys.forEach((key, i) => nearest.offer(key, () => i));
          const expected = keys
            .map((key, i) => ({ key, i }))
            .sort((a, b) => a.key - b.key)
            .slice(0, limit)
            .map((x) => x.i);
          expect(nearest.list()).toEqual(expected);
        }
      ),
      { numRuns: 1000 }
    );
  });

  it("makes an item only when it is kept at the moment it is offered", () => {
    const nearest = new Nearest<string>(2);
    const made: number[] = [];
    [5, 4, 9, 4, 1, 4].forEach((key) =>
      nearest.offer(key, () => {
        made.push(key);
        return `k${key}`;
      })
    );
    // 9 is not smaller than the last kept (5); the second 4 displaces 5 and goes after the first 4;
    // the last 4 ties with the last kept and, offered later, ranks after it: not made.
    expect(made).toEqual([5, 4, 4, 1]);
    expect(nearest.list()).toEqual(["k1", "k4"]);
  });
});
