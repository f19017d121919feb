/**
 * The worksheet custom property that marks a sheet as the add-in's own (a scorecard it wrote): such
 * sheets are replaced on refresh and never read as inputs; every other sheet is the user's.
 */
export const OWNER_PROPERTY = "SecurityPcsScorecard";
