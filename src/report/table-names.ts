/** Names of the scorecard's tables. `ScoreSummary` is a contract. */
export const TABLE_NAMES = {
  summary: "ScoreSummary",
  breakdown: "ScoreBreakdown",
  customers: "ScoreCustomers",
  people: "ScorePeople",
  issues: "ScoreIssues",
  outcomes: "ScoreRowOutcomes",
  chart: "ScoreChartData",
  rulesComparison: "ScoreRulesComparison",
  rulesDifferences: "ScoreRulesDifferences",
} as const;
