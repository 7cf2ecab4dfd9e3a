import { scanJson } from "../../src/validation/json-scan";

describe("scanJson", () => {
  it("accepts what JSON.parse accepts, with no duplicates", () => {
    for (const text of ['{"a": [1, -2.5e3, true, null, "x\\"y"], "b": {}}', "[]", '"s"', "  0 "]) {
      expect(() => JSON.parse(text)).not.toThrow();
      expect(scanJson(text)).toEqual({ duplicateKeys: [] });
    }
  });

  it.each([
    ['{\n  "a": 1,\n}', 3, 1, 'expected a property name in double quotes, found "}"'],
    ['{"a" 1}', 1, 6, 'expected ":", found "1"'],
    ["[1, 2", 1, 6, 'expected "," or "]", found end of file'],
    ['{"a": tru}', 1, 7, 'expected a JSON value, found "t"'],
    ['{"a": 1} x', 1, 10, 'expected end of file, found "x"'],
    ['\n\n  "unterminated', 3, 3, "unterminated string"],
  ])("locates the syntax error in %j", (text, line, column, message) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(scanJson(text).syntaxError).toEqual({ offset: expect.any(Number), line, column, message });
  });

  it("finds duplicate keys with their JSON path and position", () => {
    expect(scanJson('{"a": 1, "b": {"c-d": [{"x": 1,\n "x": 2}]}, "a": 3}').duplicateKeys).toEqual([
      { jsonPath: '$.b["c-d"][0].x', line: 2, column: 2 },
      { jsonPath: "$.a", line: 2, column: 13 },
    ]);
  });
});
