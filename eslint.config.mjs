import officeAddins from "eslint-plugin-office-addins";
import tsParser from "@typescript-eslint/parser";

export default [
  { ignores: ["dist/**", "dist-cli/**", "node_modules/**", "coverage/**", "test-results/**", "out/**"] },
  ...officeAddins.configs.recommended,
  {
    plugins: { "office-addins": officeAddins },
    languageOptions: { parser: tsParser, ecmaVersion: 2020 },
    rules: {
      // TypeScript already checks that every identifier exists (Office, Excel, CustomFunctions are typed globals).
      "no-undef": "off",
      // Parameters that an interface requires but an implementation ignores start with "_".
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  {
    // The Office.js load/sync rules only make sense where Office.js is used; exceljs and plain
    // objects elsewhere have properties named `value` that they would flag.
    files: ["src/cli/**", "src/scoring/**", "src/report/**", "test/**", "bench/**", "scripts/**"],
    rules: {
      "office-addins/load-object-before-read": "off",
      "office-addins/call-sync-before-read": "off",
      "office-addins/call-sync-after-load": "off",
      "office-addins/no-navigational-load": "off",
    },
  },
];
