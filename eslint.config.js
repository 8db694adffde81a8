// ESLint (flat config): the recommended rules on every JavaScript file of the tree, with the
// globals of where each file runs (the browser for static/, Node for the tests and tooling).
import js from "@eslint/js";
import globals from "globals";

export default [
  {
    ignores: [
      "node_modules/",
      ".venv/",
      "var/",
      "static/fonts/",
    ],
  },
  js.configs.recommended,
  {
    files: ["**/*.js"],
    languageOptions: { ecmaVersion: 2024, sourceType: "module", globals: globals.browser },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // `const { id, ...rest } = word` is how a field is left out of a copy.
      "no-unused-vars": ["error", { ignoreRestSiblings: true }],
    },
  },
  {
    files: ["static/js/tests/**/*.js", "*.config.js"],
    languageOptions: { globals: globals.node },
  },
];
