/**
 * Every GraphQL document the map sends, in one place, written against the contracts of issues 4, 5 and 8.
 * Sections that use fields beyond the contracts are separate documents, so a missing field blanks one
 * section of the panel instead of the whole map.
 */

const accountOwnership = 'accountOwnership { holders residents15Plus rate target gap }';
const allIndicators = `${accountOwnership}
      qrAdoption { merchants withQr rate }
      wifiCoverage { areaShare residentsShare }
      teamCoverage { neighborhoods withTeam rate }`;

/** Ward shapes (simplified to 5 m: lighter, still exact at city zooms) and their account series: loaded once. */
export const WardsQuery = /* GraphQL */ `
query MapWards($from: String!, $to: String!) {
  wards(first: 50, order: [{ name: ASC }]) {
    totalCount
    nodes {
      id code name kind geometry(simplify: 5)
      trend(from: $from, to: $to, indicator: ACCOUNT_OWNERSHIP) { month rate }
    }
  }
}`;

/** All indicators of every ward and of the city for one month: loaded per month shown. */
export const MonthIndicatorsQuery = /* GraphQL */ `
query MonthIndicators($month: String!) {
  city { indicators(month: $month) { ${accountOwnership} } }
  wards(first: 50) {
    nodes {
      id name
      indicators(month: $month) {
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

/** The ward panel: figures, trend and the month's report with its data-quality flags. */
export const WardPanelQuery = /* GraphQL */ `
query WardPanel($id: ID!, $month: String!, $from: String!, $to: String!) {
  node(id: $id) {
    ... on Ward {
      id name code kind
      indicators(month: $month) {
      ${allIndicators}
      }
      trend(from: $from, to: $to, indicator: ACCOUNT_OWNERSHIP) { month rate }
      reports(first: 1, where: { month: { eq: $month } }) {
        nodes { month households population residents15Plus accountHolders15Plus qualityFlags }
      }
    }
  }
}`;

/** The ward panel's inventory: teams, Wi-Fi points, model streets and QR adoption by category. */
export const WardInventoryQuery = /* GraphQL */ `
query WardInventory($id: ID!, $month: String!) {
  node(id: $id) {
    ... on Ward {
      teams(first: 1) { totalCount }
      wifiPoints(first: 1) { totalCount }
      modelStreets(first: 50) { totalCount nodes { id name compliance } }
      indicators(month: $month) {
        qrAdoption { byCategory { category merchants withQr rate } }
      }
    }
  }
}`;

export const UnitsBelowTargetQuery = /* GraphQL */ `
query GapsBelowTarget($month: String!) {
  gaps {
    unitsBelowTarget(level: WARD, indicator: ACCOUNT_OWNERSHIP, month: $month) {
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
