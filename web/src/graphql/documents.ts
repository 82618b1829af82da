/**
 * Every GraphQL document the map sends, in one place, written against the contracts of issues 4, 5 and 8.
 * Sections that use fields beyond the contracts are separate documents, so a missing field blanks one
 * section of the panel instead of the whole map.
 */

/**
 * Months go into documents as literals, not variables: the schema types them with a Month scalar in some
 * places and String in others, and a literal is valid for both. Checked first, so nothing else gets in.
 */
export function monthLiteral(month: string): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new Error(`Not a month (YYYY-MM): ${month}`);
  return JSON.stringify(month);
}

const accountOwnership = 'accountOwnership { holders residents15Plus rate target gap }';
const allIndicators = `${accountOwnership}
      qrAdoption { merchants withQr rate }
      wifiCoverage { areaShare residentsShare }
      teamCoverage { neighborhoods withTeam rate }`;

/** Ward shapes (simplified to 5 m: lighter, still exact at city zooms) and their account series: loaded once. */
export const WardsQuery = (from: string, to: string) => /* GraphQL */ `
query MapWards {
  wards(first: 50, order: [{ name: ASC }]) {
    totalCount
    nodes {
      id code name kind geometry(simplify: 5)
      trend(from: ${monthLiteral(from)}, to: ${monthLiteral(to)}, indicator: ACCOUNT_OWNERSHIP) { month rate }
    }
  }
}`;

/** All indicators of every ward and of the city for one month: loaded per month shown. */
export const MonthIndicatorsQuery = (month: string) => /* GraphQL */ `
query MonthIndicators {
  city { indicators(month: ${monthLiteral(month)}) { ${accountOwnership} } }
  wards(first: 50) {
    nodes {
      id name
      indicators(month: ${monthLiteral(month)}) {
      ${allIndicators}
      }
    }
  }
}`;

/** When the aggregates were last refreshed ("data as of"). */
export const LastRunQuery = /* GraphQL */ `
query LastAggregateRun {
  aggregateRuns(first: 1) { nodes { finishedAt startedAt status error } }
}`;

const reportOf = (month: string) => `reports(first: 1, where: { month: { eq: ${monthLiteral(month)} } }) {
        nodes { month households population residents15Plus accountHolders15Plus qualityFlags }
      }`;

/** The ward panel without aggregates (fallback): the month's report and its quality flags. */
export const WardPanelFromReportsQuery = (month: string) => /* GraphQL */ `
query WardPanelFromReports($id: ID!) {
  node(id: $id) {
    ... on Ward {
      id name code kind
      ${reportOf(month)}
    }
  }
}`;

/** The ward panel: figures, trend and the month's report with its data-quality flags. */
export const WardPanelQuery = (month: string, from: string, to: string) => /* GraphQL */ `
query WardPanel($id: ID!) {
  node(id: $id) {
    ... on Ward {
      id name code kind
      indicators(month: ${monthLiteral(month)}) {
      ${allIndicators}
      }
      trend(from: ${monthLiteral(from)}, to: ${monthLiteral(to)}, indicator: ACCOUNT_OWNERSHIP) { month rate }
      ${reportOf(month)}
    }
  }
}`;

/** The ward panel's inventory: teams, Wi-Fi points and model streets (all in the entity schema). */
export const WardInventoryQuery = (_month: string) => /* GraphQL */ `
query WardInventory($id: ID!) {
  node(id: $id) {
    ... on Ward {
      teams(first: 1) { totalCount }
      wifiPoints(first: 1) { totalCount }
      modelStreets(first: 50) { totalCount nodes { id name } }
    }
  }
}`;

/** Aggregates beside the contract: street compliance and QR adoption by category (blank if absent). */
export const WardAdoptionQuery = (month: string) => /* GraphQL */ `
query WardAdoption($id: ID!) {
  node(id: $id) {
    ... on Ward {
      modelStreets(first: 50) { nodes { id compliance } }
      indicators(month: ${monthLiteral(month)}) {
        qrAdoption { byCategory { category merchants withQr rate } }
      }
    }
  }
}`;

export const UnitsBelowTargetQuery = (month: string) => /* GraphQL */ `
query GapsBelowTarget {
  gaps {
    unitsBelowTarget(level: WARD, indicator: ACCOUNT_OWNERSHIP, month: ${monthLiteral(month)}) {
      totalCount nodes { name rate target gap peopleToTarget }
    }
  }
}`;

export const NeighborhoodsWithoutTeamQuery = /* GraphQL */ `
query GapsWithoutTeam {
  gaps {
    neighborhoodsWithoutTeam(first: 50) { totalCount nodes { id name geometry ward { name } } }
  }
}`;

export const StreetsBelowTargetQuery = /* GraphQL */ `
query GapsStreets {
  gaps {
    modelStreetsBelowTarget(first: 50) {
      nodes { name compliance merchantsWithoutQr { name location } }
    }
  }
}`;

/**
 * Fallback while the aggregates are not in the schema: the same map from the monthly reports
 * (accountOwnershipRate is holders / residents 15+) and the account targets.
 */
export const WardsFromReportsQuery = /* GraphQL */ `
query MapWardsFromReports {
  wards(first: 50, order: [{ name: ASC }]) {
    totalCount
    nodes {
      id code name kind geometry(simplify: 5)
      reports(first: 100, order: [{ month: ASC }]) {
        nodes { month residents15Plus accountHolders15Plus accountOwnershipRate qualityFlags }
      }
    }
  }
  targets(first: 50, where: { indicator: { eq: "account_ownership_15plus" } }) { nodes { scope value deadline } }
}`;
