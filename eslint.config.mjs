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
    },
  },
];
